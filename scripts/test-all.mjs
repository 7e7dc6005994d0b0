/**
 * `npm test`: everything CI must prove, in order — typecheck and lint (side by side), unit +
 * integration, the integration files again on PostgreSQL (when LOKET_TEST_DATABASE_URL names one),
 * the build, the packaged layout (`check:package`), then the end-to-end journeys in Chromium. Chromium is
 * found (or installed, as root with apt-get) before anything runs, so a PC without it hears so at
 * once. Stops at the first failing stage and closes with one line of test counts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

import { ChromiumMissing, ensureChromium } from './ensure-chromium.mjs';

try {
  process.env.CHROMIUM_PATH = ensureChromium();
} catch (error) {
  if (!(error instanceof ChromiumMissing)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

const reports = '.tmp/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// typecheck and lint are one process each: on a 2-core machine they run side by side (their output
// is held and printed whole, one after the other).
const checks = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
];

const stages = [
  [
    'unit + integration',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/unit.json`,
    ],
  ],
  // The same integration files with the core on PostgreSQL, when a database is named (CI's wrapper does).
  ...(process.env.LOKET_TEST_DATABASE_URL
    ? [
        [
          'integration on PostgreSQL',
          'npx',
          [
            'vitest',
            'run',
            '--config',
            'vitest.postgres.config.ts',
            '--reporter=default',
            '--reporter=json',
            `--outputFile.json=${reports}/postgres.json`,
          ],
        ],
      ]
    : []),
  // check:package builds the renderer and the main bundles first; e2e serves that renderer build.
  ['build + packaged layout', 'npm', ['run', '-s', 'check:package']],
  [
    'e2e',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/e2e.json`,
    ],
  ],
];

let passed = 0;
let failed = 0;
const count = (file) => {
  try {
    const r = JSON.parse(readFileSync(`${reports}/${file}`, 'utf8'));
    passed += r.numPassedTests;
    failed +=
      r.numFailedTests +
      (r.numTotalTests - r.numPassedTests - r.numFailedTests - (r.numPendingTests ?? 0) - (r.numTodoTests ?? 0));
  } catch {
    /* the stage failed before writing its report; its exit code already says so */
  }
};

/** Runs the checks side by side; answers the first non-zero exit status (0 when all passed). */
async function runChecks() {
  const started = Date.now();
  console.log(`\n=== ${checks.map(([name]) => name).join(' + ')} ===`);
  const results = await Promise.all(
    checks.map(
      ([name, command, args]) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
          const output = [];
          child.stdout.on('data', (chunk) => output.push(chunk));
          child.stderr.on('data', (chunk) => output.push(chunk));
          child.on('close', (code) => resolve({ name, code: code ?? 1, output: Buffer.concat(output) }));
        }),
    ),
  );
  for (const { name, code, output } of results) {
    process.stdout.write(output);
    console.log(`--- ${name}: ${code === 0 ? 'ok' : 'FAILED'}`);
  }
  const failedCheck = results.find((r) => r.code !== 0);
  console.log(
    `=== ${checks.map(([name]) => name).join(' + ')}: ${failedCheck ? 'FAILED' : 'ok'} (${((Date.now() - started) / 1000).toFixed(1)} s) ===`,
  );
  return failedCheck?.code ?? 0;
}

let status = await runChecks();
for (const [name, command, args] of status === 0 ? stages : []) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  console.log(
    `=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s) ===`,
  );
  if (result.status !== 0) {
    status = result.status ?? 1;
    break;
  }
}
count('unit.json');
count('postgres.json');
count('e2e.json');
if (status !== 0 && failed === 0) failed = 1;
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(status);
