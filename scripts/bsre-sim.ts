/**
 * Runs the BSrE simulator on its own (`npm run bsre-sim`), with the /__sim/ operator API so trainers,
 * other tools and end-to-end tests in other processes can drive it. Loopback only.
 *   BSRE_SIM_PORT (8089), BSRE_SIM_USER ('loket'), BSRE_SIM_PASSWORD ('latihan'),
 *   BSRE_SIM_LATENCY_MS (0), BSRE_SIM_V1_ONLY (unset; '1' removes the v2 status path)
 */
import { startBsreSimulator } from '../src/main/core/bsre/simulator';

function intFromEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    console.error(`${name} harus bilangan bulat 0–${max} (sekarang: ${raw}).`);
    process.exit(2);
  }
  return value;
}

const username = process.env.BSRE_SIM_USER || 'loket';
const password = process.env.BSRE_SIM_PASSWORD || 'latihan';
const sim = await startBsreSimulator({
  port: intFromEnv('BSRE_SIM_PORT', 8089, 65_535),
  username,
  password,
  latencyMs: intFromEnv('BSRE_SIM_LATENCY_MS', 0, 600_000),
  v1Only: process.env.BSRE_SIM_V1_ONLY === '1',
  operatorApi: true,
});

console.log(`Simulator BSrE (BUKAN BSrE sungguhan) berjalan di ${sim.url}`);
console.log(`  Basic auth: ${username} / ${password === 'latihan' ? 'latihan' : '(dari BSRE_SIM_PASSWORD)'}`);
console.log(
  `  API operator: ${sim.url}/__sim/  (users, users/:nik/:aksi, users/:id/refuse-kyc, emails, faults, behaviour, registrations?id=)`,
);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
