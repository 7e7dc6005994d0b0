/**
 * The operator API under /__sim/ so tools and tests in other processes can drive a simulator started
 * by scripts/bsre-sim.ts (move users along the lifecycle, read the fake emails, flip fault switches).
 * Never mounted by the embedded simulator; protected by the same Basic credentials as the BSrE paths.
 *
 *   GET  /__sim/users                      list users
 *   POST /__sim/users                      seed {nama, email, nik?, status?, oidInstansi?}
 *   GET  /__sim/users/:nikOrEmail          one user
 *   POST /__sim/users/:nikOrEmail/:action  activate {nik?} | verify | issue | expire | renew | suspend | unsuspend | revoke
 *   POST /__sim/users/:nikOrEmail/refuse-kyc {reason: name | nik | liveness}
 *   GET  /__sim/emails                     fake activation emails
 *   GET  /__sim/faults                     current faults;  POST /__sim/faults {…}: set;  DELETE /__sim/faults: clear
 *   GET  /__sim/behaviour                  current switches; POST {…}: set; DELETE: back to production
 *   GET  /__sim/registrations?id=…         {count} of registrations received
 */
import {
  type BsreSimulator,
  SIM_ACTIONS,
  SIM_KYC_REFUSALS,
  type SimAction,
  type SimBehaviour,
  type SimFaults,
  type SimKycRefusal,
  type SimSeed,
} from './model';
import { isRecord, json, parseJson, type Reply, text } from './replies';
import type { SimUserTable } from './users';

export function createOperatorApi(sim: BsreSimulator, table: SimUserTable) {
  return (method: string, path: string, body: Buffer, query: URLSearchParams): Reply => {
    try {
      return dispatch(sim, table, method, path.slice('/__sim'.length), body, query);
    } catch (error) {
      return json(409, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}

function dispatch(
  sim: BsreSimulator,
  table: SimUserTable,
  method: string,
  path: string,
  body: Buffer,
  query: URLSearchParams,
): Reply {
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p));
  const [head, id, action] = parts;
  if (head === 'users' && parts.length === 1) {
    if (method === 'GET') return json(200, sim.users.list());
    if (method === 'POST') return json(201, sim.users.seed(readSeed(body)));
  }
  if (head === 'users' && id !== undefined && parts.length === 2 && method === 'GET') {
    const user = sim.users.get(id);
    return user ? json(200, user) : json(404, { error: 'Pengguna tidak ada di simulator.' });
  }
  if (head === 'users' && id !== undefined && action === 'refuse-kyc' && parts.length === 3 && method === 'POST') {
    const input = parseJson(body);
    const reason = isRecord(input) ? input.reason : undefined;
    if (!(SIM_KYC_REFUSALS as readonly unknown[]).includes(reason))
      return json(400, { error: `reason harus salah satu dari ${SIM_KYC_REFUSALS.join(', ')}.` });
    return json(200, table.refuseKyc(id, reason as SimKycRefusal));
  }
  if (head === 'users' && id !== undefined && action === 'activate' && parts.length === 3 && method === 'POST') {
    const input = parseJson(body);
    const nik = isRecord(input) && typeof input.nik === 'string' ? input.nik : '';
    return json(200, table.activate(id, nik ? { nik } : undefined));
  }
  if (head === 'users' && id !== undefined && action !== undefined && parts.length === 3 && method === 'POST') {
    if (!(SIM_ACTIONS as readonly string[]).includes(action))
      return json(404, { error: `Tindakan tidak dikenal: ${action}` });
    return json(200, table.apply(action as SimAction, id));
  }
  if (head === 'emails' && parts.length === 1 && method === 'GET') return json(200, sim.emails());
  if (head === 'faults' && parts.length === 1) {
    if (method === 'GET') return json(200, sim.faults.current());
    if (method === 'DELETE') {
      sim.faults.clear();
      return json(200, sim.faults.current());
    }
    if (method === 'POST') {
      const input = parseJson(body);
      if (!isRecord(input)) return json(400, { error: 'Kirim objek JSON berisi fault.' });
      sim.faults.set(input as Partial<SimFaults>);
      return json(200, sim.faults.current());
    }
  }
  if (head === 'behaviour' && parts.length === 1) {
    if (method === 'GET') return json(200, sim.behaviour.current());
    if (method === 'DELETE') {
      sim.behaviour.reset();
      return json(200, sim.behaviour.current());
    }
    if (method === 'POST') {
      const input = parseJson(body);
      if (!isRecord(input)) return json(400, { error: 'Kirim objek JSON berisi perilaku.' });
      sim.behaviour.set(input as Partial<SimBehaviour>);
      return json(200, sim.behaviour.current());
    }
  }
  if (head === 'registrations' && parts.length === 1 && method === 'GET') {
    const id = query.get('id');
    return json(200, { count: sim.registrationCount(id ?? undefined) });
  }
  if (head === 'ca' && parts.length === 1 && method === 'GET') return text(200, sim.caCertificatePem);
  return json(404, { error: 'Jalur operator tidak dikenal.' });
}

function readSeed(body: Buffer): SimSeed {
  const input = parseJson(body);
  if (!isRecord(input) || typeof input.nama !== 'string' || typeof input.email !== 'string') {
    throw new Error('Seed butuh {nama, email, nik?, status?, oidInstansi?}.');
  }
  return {
    nama: input.nama,
    email: input.email,
    nik: typeof input.nik === 'string' ? input.nik : undefined,
    status: typeof input.status === 'string' ? (input.status as SimSeed['status']) : undefined,
    oidInstansi: typeof input.oidInstansi === 'string' ? input.oidInstansi : null,
  };
}
