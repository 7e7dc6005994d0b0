/**
 * `npm run check:package`: proves the packaged desktop layout without the Electron binary (which
 * cannot be downloaded here). Packs the app folder with electron-builder (`--dir`) against a stub
 * Electron (`-c.electronDist`, carrying a fuse sentinel so the fuses are really flipped), then
 * checks: app.asar holds the bundles and nothing from src/ or test/; app.asar.unpacked holds every
 * file the core reads from disk; the fuses are set as electron-builder.yml says; the afterPack ABI
 * check refuses a wrong-ABI add-on; and, under plain Node, the core from the package starts on a
 * fresh data folder, reads a KTP card and describes faces with every path resolved the way the
 * shell resolves it in a packaged app. The Node build of better-sqlite3 is packed on purpose
 * (`npmRebuild=false`) because the probe runs under Node; `npm run dist` rebuilds for Electron.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const { checkPackedAbi } = require('./desktop/after-pack.cjs');
const { electronAbi, electronVersion } = await import('./desktop/native-abi.mjs');

const work = mkdtempSync(path.join(tmpdir(), 'loket-check-package-'));
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? '  ✓' : '  ✗'} ${what}`);
  if (!ok) failures.push(what);
};

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron 45's own defaults, in @electron/fuses' V1 order; the build must flip them per electron-builder.yml.
const STUB_WIRE = '10110001';
const EXPECTED_FUSES = {
  RunAsNode: '0',
  EnableCookieEncryption: '1',
  EnableNodeOptionsEnvironmentVariable: '0',
  EnableNodeCliInspectArguments: '0',
  EnableEmbeddedAsarIntegrityValidation: '1',
  OnlyLoadAppFromAsar: '1',
  GrantFileProtocolExtraPrivileges: '0',
};
const FUSE_INDEX = {
  RunAsNode: 0,
  EnableCookieEncryption: 1,
  EnableNodeOptionsEnvironmentVariable: 2,
  EnableNodeCliInspectArguments: 3,
  EnableEmbeddedAsarIntegrityValidation: 4,
  OnlyLoadAppFromAsar: 5,
  GrantFileProtocolExtraPrivileges: 7,
};

function makeStubElectron(dir) {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub Electron: this package was made by check:package"\nexit 1\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, STUB_WIRE.length]),
    Buffer.from(STUB_WIRE),
    Buffer.from('\n'),
  ]);
  writeFileSync(path.join(dir, 'electron'), binary);
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), `v${electronVersion(root)}`);
}

function fuseWire(binaryPath) {
  const data = readFileSync(binaryPath);
  const at = data.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  return data.subarray(at + 2, at + 2 + data[at + 1]).toString('latin1');
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { ok: result.status === 0, out: `${result.stdout}${result.stderr}` };
}

try {
  console.log('Membangun aplikasi… / building the app…');
  const build = run('npm', ['run', '-s', 'build']);
  if (!build.ok) throw new Error(`npm run build failed:\n${build.out}`);

  const stub = path.join(work, 'electron-stub');
  makeStubElectron(stub);
  const output = path.join(work, 'release');
  console.log('Mengemas dengan electron-builder --dir… / packing with electron-builder --dir…');
  const pack = run(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      '--dir',
      `-c.electronDist=${stub}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    { LOKET_PACKAGE_EXPECT_ABI: String(process.versions.modules) },
  );
  if (!pack.ok) throw new Error(`electron-builder failed:\n${pack.out.split('\n').slice(-25).join('\n')}`);
  check(pack.out.includes('better_sqlite3.node in the package is built for ABI'), 'the afterPack ABI check ran');

  const appOut = path.join(output, 'linux-unpacked');
  const resources = path.join(appOut, 'resources');
  const archive = path.join(resources, 'app.asar');
  const unpacked = path.join(resources, 'app.asar.unpacked');

  // app.asar: the bundles and the SOP data, nothing from the sources or the tests.
  const files = asar.listPackage(archive, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  for (const required of [
    '/package.json',
    '/dist/main/electron.cjs',
    '/dist/main/core.cjs',
    '/dist/main/preload.cjs',
    '/dist/main/face-worker.cjs',
    '/dist/main/task-worker.cjs',
    '/dist/main/reader-worker.cjs',
    '/dist/renderer/index.html',
  ])
    check(files.includes(required), `app.asar holds ${required}`);
  check(
    files.some((f) => f.startsWith('/assets/sop/')),
    'app.asar holds the SOP templates in assets/sop',
  );
  const ours = files.filter((f) => !f.startsWith('/node_modules/'));
  const strays = ours.filter((f) => /^\/(src|test|scripts|\.ci|data|release)\//.test(f) || f.endsWith('.map'));
  check(
    strays.length === 0,
    `app.asar holds nothing from src/, test/, scripts/ or source maps (${strays.slice(0, 3)})`,
  );

  // app.asar.unpacked: what the core reads from disk at run time.
  const mustBeUnpacked = [
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/tesseract.js/src/worker-script/node/index.js',
    'node_modules/tesseract.js-core/package.json',
    'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz',
    'node_modules/@tesseract.js-data/ind/4.0.0_best_int/ind.traineddata.gz',
    'node_modules/@vladmandic/face-api/model/ssd_mobilenetv1_model-weights_manifest.json',
    'node_modules/@vladmandic/face-api/model/face_recognition_model-weights_manifest.json',
    'node_modules/@vladmandic/face-api/model/face_landmark_68_model-weights_manifest.json',
    'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
    'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
  ];
  for (const file of mustBeUnpacked) check(existsSync(path.join(unpacked, file)), `app.asar.unpacked holds ${file}`);

  // Fuses, flipped in the (stub) binary as electron-builder.yml asks.
  const wire = fuseWire(path.join(appOut, 'loket-tte'));
  for (const [name, want] of Object.entries(EXPECTED_FUSES))
    check(wire[FUSE_INDEX[name]] === want, `fuse ${name} = ${want === '1' ? 'on' : 'off'}`);

  // The afterPack check refuses the same package when Electron's ABI is expected.
  const electronAbiValue = electronAbi(root);
  const refused = await checkPackedAbi(appOut, electronAbiValue, `Electron ${electronVersion(root)}`).then(
    () => null,
    (error) => error.message,
  );
  check(
    refused !== null && refused.includes(`ABI ${process.versions.modules}`),
    `the ABI check refuses a Node-ABI add-on where Electron (ABI ${electronAbiValue}) is expected`,
  );

  // The packaged core, under plain Node, from the package alone.
  const appDir = path.join(work, 'app');
  asar.extractAll(archive, appDir);
  // Remove from the extracted copy every file the shell must find in app.asar.unpacked, so the
  // probe fails unless the core really resolves them from process.resourcesPath.
  for (const file of mustBeUnpacked.filter((f) => !f.endsWith('.js') && !f.endsWith('package.json')))
    rmSync(path.join(appDir, file), { force: true });
  rmSync(path.join(appDir, 'node_modules/@vladmandic/face-api/model'), { recursive: true, force: true });
  const fixtures = path.join(root, 'test', 'fixtures', 'ktp');
  const truth = JSON.parse(readFileSync(path.join(fixtures, 'ground-truth.json'), 'utf8'));
  const card = truth.cards.find((c) => c.id === 'ktp-01');
  const probe = spawnSync(
    process.execPath,
    [
      path.join(root, 'scripts', 'desktop', 'package-probe.cjs'),
      resources,
      appDir,
      path.join(fixtures, 'cards', 'ktp-01-clean.jpg'),
      path.join(fixtures, 'selfies', `same-${card.person.face}-1.jpg`),
      path.join(fixtures, 'selfies', `same-${card.person.face}-1.jpg`),
    ],
    { cwd: work, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' }, timeout: 180_000 },
  );
  if (probe.status !== 0) throw new Error(`the packaged core did not start:\n${probe.stderr}`);
  const seen = JSON.parse(probe.stdout.trim().split('\n').pop());
  console.log(`  probe: ${JSON.stringify({ ...seen, status: seen.status?.ok })}`);
  check(seen.status?.ok === true, 'the packaged core starts on a fresh data folder and answers setup.status');
  check(seen.nik === card.person.fields.nik, `the packaged OCR reads the KTP's NIK (${seen.nik})`);
  check(seen.faceCount === 1, `the packaged face engine finds the one face in a webcam frame (${seen.faceCount})`);
  check(
    seen.match.band === 'cocok',
    `the packaged face engine matches card and selfie (${seen.match.distance?.toFixed(3)})`,
  );
  check(
    typeof seen.workerSqlite === 'string' && /^3\./.test(seen.workerSqlite),
    `a task worker thread starts from the package and opens SQLite (${seen.workerSqlite})`,
  );
  check(
    seen.sqliteAddon.length === 1 && seen.sqliteAddon[0].startsWith(unpacked),
    'the packaged core loads better_sqlite3.node from app.asar.unpacked',
  );
  check(seen.modules.length === 0, `nothing loaded from outside the package (${seen.modules.slice(0, 3)})`);
} catch (error) {
  failures.push(error.message);
  console.error(error.message);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(failures.length === 0 ? '\ncheck:package: ok' : `\ncheck:package: ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
