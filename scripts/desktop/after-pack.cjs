/**
 * electron-builder's afterPack hook: the better_sqlite3.node that went into the package must be
 * built for the Electron it ships with. electron-builder's own rebuild reports success even when
 * npm's `nodedir` made it build for Node (see docs: this machine does exactly that), so the file
 * inside app.asar.unpacked is checked and the build fails on a mismatch.
 * `npm run check:package` packs the Node build on purpose (it runs the package under plain Node)
 * and says so with LOKET_PACKAGE_EXPECT_ABI.
 */
'use strict';
const { join } = require('node:path');

function packedAddon(appOutDir) {
  return join(
    appOutDir,
    'resources',
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
}

async function checkPackedAbi(appOutDir, expected, label) {
  const { assertNativeAbi } = await import('./native-abi.mjs');
  return assertNativeAbi(packedAddon(appOutDir), expected, label);
}

async function afterPack(context) {
  const { electronAbi } = await import('./native-abi.mjs');
  const forNode = process.env.LOKET_PACKAGE_EXPECT_ABI;
  const expected = forNode ? Number(forNode) : electronAbi(context.packager.projectDir);
  const label = forNode
    ? `Node (ABI ${forNode}, check:package)`
    : `Electron ${context.packager.config.electronVersion ?? ''}`.trim();
  await checkPackedAbi(context.appOutDir, expected, label);
  console.log(`  • better_sqlite3.node in the package is built for ABI ${expected} (${label})`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.checkPackedAbi = checkPackedAbi;
module.exports.packedAddon = packedAddon;
