/**
 * `npx tsx scripts/face.ts <gambar-ktp> <swafoto>` (later `npm run face -- …`): compares the KTP
 * portrait with the selfie offline and prints the FaceMatchResult as JSON, for the desk team to try
 * images by hand and for support to reproduce a verifier's result. Exit 0 with a result; 1 with an
 * Indonesian message on stderr when a file cannot be read; 2 on wrong usage.
 */
import { readFileSync } from 'node:fs';

import { FaceEngineError, FaceImageError, FaceMatcher } from '../src/main/core/face/engine';

const USAGE = 'Pemakaian: npx tsx scripts/face.ts <gambar-ktp> <swafoto>  (JPEG/PNG)';

function readImage(file: string, label: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'berkas tidak ada'
        : code === 'EISDIR'
          ? 'itu folder, bukan berkas'
          : code === 'EACCES'
            ? 'tidak ada izin membaca'
            : (code ?? 'galat');
    throw new FaceImageError(`${label} tidak dapat dibaca (${file}): ${why}.`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [ktpPath, selfiePath] = argv;
  if (ktpPath === undefined || selfiePath === undefined || argv.length > 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const matcher = new FaceMatcher();
  try {
    const ktp = readImage(ktpPath, 'Gambar KTP');
    const selfie = readImage(selfiePath, 'Swafoto');
    const result = await matcher.compare(ktp, selfie);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof FaceImageError || err instanceof FaceEngineError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await matcher.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
