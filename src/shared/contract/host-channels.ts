/**
 * The Electron host's own small API for the mode screens (`window.loketHost`): which network mode
 * this PC runs in, choosing another, pairing a desk — answered by the Electron main process itself,
 * never forwarded to a core. Also the two messages main pushes to its windows: change events and
 * whether the office server answers. Free of zod and Node, so the preload and renderer import it.
 */
import type { Result } from './result';
import type { ChangeEvent } from './transport';

export const HOST_CHANNELS = ['host:mode.get', 'host:mode.choose', 'host:pair'] as const;
export type HostChannel = (typeof HOST_CHANNELS)[number];

/** Main → renderer: something changed (ChangeEvent). */
export const CHANGE_MESSAGE = 'loket:change';
/** Main → renderer: the office server answers again, or stopped answering ({ reachable }). */
export const REACHABILITY_MESSAGE = 'loket:reachability';

export type NetworkModeView =
  | { mode: 'single' }
  | { mode: 'server'; bind: string; port: number }
  | { mode: 'desk'; url: string; fingerprint: string; deviceId: string; officeName: string };

export interface HostModeInfo {
  current: NetworkModeView;
  /** False until someone chose a mode on this PC (first run shows the chooser). */
  chosen: boolean;
  /** Whether this window may change the mode now (first run before setup, or a signed-in Admin). */
  canChange: boolean;
  lanAddresses: { address: string; interfaceName: string }[];
  defaultPort: number;
  /** This PC's name, offered as the desk's name when pairing. */
  hostName: string;
  /** The running office server (Server kantor mode). */
  server: { url: string; fingerprint: string } | null;
  /** Whether this build can be the office server. */
  canServe: boolean;
  /** Meja: whether the office server answered last time. */
  reachable: boolean;
}

export type ModeChoice = { mode: 'single' } | { mode: 'server'; bind: string; port: number } | { mode: 'desk' };

export interface PairRequest {
  url: string;
  code: string;
  deviceName: string;
}

/** What the desk shows after pairing; the device key stays in the main process. */
export interface PairView {
  url: string;
  fingerprint: string;
  officeName: string;
  deviceId: string;
}

export interface LoketHost {
  modeGet(): Promise<Result<HostModeInfo>>;
  modeChoose(choice: ModeChoice): Promise<Result<{ relaunching: boolean }>>;
  pair(request: PairRequest): Promise<Result<PairView>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  onReachability(listener: (reachable: boolean) => void): () => void;
}
