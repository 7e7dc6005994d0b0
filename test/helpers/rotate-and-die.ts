/**
 * `node --import tsx test/helpers/rotate-and-die.ts <dir> <phase>`: runs the key rotation of a data
 * folder and SIGKILLs itself right after `phase`, as a power cut or a killed terminal would.
 */
import { rotateKeyFiles, type RotationPhase } from '../../src/main/core/crypto/rotate-key-files';

const [dir, phase] = process.argv.slice(2) as [string, RotationPhase];
await rotateKeyFiles(dir, {
  onPhase: (reached) => {
    if (reached === phase) process.kill(process.pid, 'SIGKILL');
  },
});
