/**
 * The end-to-end tests drive a real Chromium. A newcomer's `npm test` on a fresh Debian/Ubuntu PC
 * must either get one or say at once what to do: as root with apt-get (CI, a fresh container) it
 * installs Debian's `chromium`; otherwise it stops before any stage runs with the command to type.
 * `CHROMIUM_PATH` chooses another binary; one that points at nothing is reported, never installed over.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const INSTALL_COMMAND = 'sudo apt-get install chromium';

export class ChromiumMissing extends Error {
  constructor(reason) {
    super(
      `${reason}\nUji end-to-end memerlukan Chromium. Pasang dengan \`${INSTALL_COMMAND}\` (Debian/Ubuntu), ` +
        'atau arahkan CHROMIUM_PATH ke berkas chromium yang ada, lalu jalankan lagi `npm test`.\n' +
        `The end-to-end tests need Chromium. Install it with \`${INSTALL_COMMAND}\` (Debian/Ubuntu), ` +
        'or point CHROMIUM_PATH at an existing chromium binary, then run `npm test` again.',
    );
    this.name = 'ChromiumMissing';
  }
}

export function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function aptInstallChromium() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'],
  ]) {
    const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) return false;
  }
  return true;
}

const hasAptGet = () => spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

/**
 * Returns the Chromium binary to use, installing Debian's package when allowed; throws
 * ChromiumMissing with the bilingual instructions otherwise. Every dependency is injectable for tests.
 */
export function ensureChromium({
  env = process.env,
  candidates = DEFAULT_CANDIDATES,
  isRoot = process.getuid?.() === 0,
  canApt = hasAptGet,
  install = aptInstallChromium,
  log = (line) => console.log(line),
} = {}) {
  if (env.CHROMIUM_PATH) {
    if (isExecutableFile(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new ChromiumMissing(
      `CHROMIUM_PATH=${env.CHROMIUM_PATH} tidak menunjuk ke berkas yang dapat dijalankan / does not point at an executable.`,
    );
  }
  const found = () => candidates.find(isExecutableFile);
  const existing = found();
  if (existing) return existing;
  if (isRoot && canApt()) {
    log('Chromium belum ada; memasang paket Debian chromium… / Chromium missing; installing Debian chromium…');
    if (install()) {
      const installed = found();
      if (installed) return installed;
    }
    throw new ChromiumMissing('Pemasangan chromium dengan apt-get gagal / installing chromium with apt-get failed.');
  }
  throw new ChromiumMissing('Chromium tidak ditemukan / Chromium not found.');
}

// As a command: prints the path, or the instructions on stderr with exit code 1 (no stack trace).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureChromium({ log: (line) => console.error(line) }));
  } catch (error) {
    if (!(error instanceof ChromiumMissing)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
