/**
 * What a host (the Electron shell; tools that start the packaged core) needs from the core, in one
 * entry. It is bundled on its own as dist/main/core.cjs, so the shell bundle stays thin and the
 * packaged core can be started under plain Node by `npm run check:package` from the package itself.
 */
export { type OfficeServer, type OfficeServerOptions, startOfficeServer } from '../server/office-server';
export { type Core, type CoreOptions, createCore } from './app';
export { FileKeyProvider, type KeyProvider } from './crypto/key-provider';
export { consoleLogger, type Logger } from './logger';
export { packagedAssets, type RuntimeAssets } from './runtime-assets';
export { useSqliteBinding } from './store/sqlite';
