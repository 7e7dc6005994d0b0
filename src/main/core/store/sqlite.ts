/**
 * The one place that constructs better-sqlite3 connections, so a host can choose which compiled
 * add-on the process loads. The Electron shell in development points it at the Electron-ABI build
 * prepared beside the Node build (`npm start`), and the packaged app at the one in
 * app.asar.unpacked; tests, the web host and the CLIs keep the default (the Node build). A native
 * add-on is loaded once per process, so this is process-wide by nature.
 */
import Database from 'better-sqlite3';

let nativeBinding: string | undefined;

/** Chooses the better_sqlite3.node file for every connection opened after this call. */
export function useSqliteBinding(path: string | undefined): void {
  nativeBinding = path;
}

export function openSqlite(path: string, options: Database.Options = {}): Database.Database {
  return new Database(path, nativeBinding === undefined ? options : { ...options, nativeBinding });
}
