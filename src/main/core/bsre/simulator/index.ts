/**
 * Starts the BSrE simulator: the embedded backend of "Mode Latihan" and every test's BSrE. One
 * loopback HTTP server with the real paths and shapes, a user table operators move along the
 * lifecycle, a local CA for real certificates, and fault switches.
 */
import type { AddressInfo } from 'node:net';

import { type Clock, systemClock } from '../../clock';
import { BehaviourSwitch } from './behaviour';
import { createSimCa } from './ca';
import { FaultSwitch } from './faults';
import type { BsreSimulator, SimBehaviour } from './model';
import { createOperatorApi } from './operator';
import { createSimServer } from './server';
import { SimUserTable } from './users';

export { PRODUCTION_BEHAVIOUR } from './behaviour';
export { SIM_CA_NAME, SIM_ROOT_CA_NAME } from './ca';
export { KYC_REFUSAL_MESSAGES } from './endpoints';
export { LIFECYCLE } from './lifecycle';
export type {
  BsreSimulator,
  SimAction,
  SimBehaviour,
  SimCertificate,
  SimEmail,
  SimFaults,
  SimKycRefusal,
  SimOperation,
  SimRegistrationReply,
  SimSeed,
  SimUser,
  SimUsersApi,
} from './model';
export { SIM_ACTIONS, SIM_KYC_REFUSALS, SIM_REGISTRATION_REPLIES } from './model';

export interface BsreSimulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  host?: '127.0.0.1';
  username: string;
  password: string;
  clock?: Clock;
  /** Added to every request (real status calls take about 0.5 s). */
  latencyMs?: number;
  /** How v2 status sends status_code (the real service does both); v1 always sends numbers. Default 'string'. */
  statusCodeAs?: 'string' | 'number';
  /** Behave like an older service without the v2 status and verify paths (answers 404 there). */
  v1Only?: boolean;
  /** Start with these behaviour switches (default: production as seen live). */
  behaviour?: Partial<SimBehaviour>;
  /** Mount the /__sim/ operator API. Only scripts/bsre-sim.ts turns this on. */
  operatorApi?: boolean;
}

export async function startBsreSimulator(opts: BsreSimulatorOptions): Promise<BsreSimulator> {
  const clock = opts.clock ?? systemClock;
  const ca = createSimCa(clock.now());
  const table = new SimUserTable(clock, ca);
  const faults = new FaultSwitch();
  const behaviour = new BehaviourSwitch(opts.behaviour);
  const config: Parameters<typeof createSimServer>[0] = {
    username: opts.username,
    password: opts.password,
    clock,
    latencyMs: Math.max(0, opts.latencyMs ?? 0),
    v1Only: opts.v1Only ?? false,
    endpoints: { users: table, ca, clock, statusCodeAs: opts.statusCodeAs ?? 'string', behaviour },
    faults,
  };
  const server = createSimServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const simulator: BsreSimulator = {
    url: `http://127.0.0.1:${port}`,
    caCertificatePem: ca.certificatePem,
    rootCertificatePem: ca.rootCertificatePem,
    users: table,
    emails: () => table.emails(),
    faults: {
      set: (f) => faults.set(f),
      clear: () => faults.clear(),
      current: () => faults.current(),
    },
    behaviour: {
      set: (b) => behaviour.set(b),
      reset: () => behaviour.reset(),
      current: () => behaviour.current(),
    },
    registrationCount: (nikOrEmail) => table.registrationCount(nikOrEmail),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests held open by timeoutAfterReceive and idle keep-alive sockets must not keep us waiting.
        server.closeAllConnections();
      }),
  };
  if (opts.operatorApi) config.operator = createOperatorApi(simulator, table);
  return simulator;
}
