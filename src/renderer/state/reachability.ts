/**
 * Whether the office server (or the local app service) answers: set by `call` after every try and,
 * in Electron, by the main process's own view of the server (its event stream). The banner
 * "Server kantor tidak terjangkau — mencoba lagi…" shows while it is false.
 */
import { create } from 'zustand';

interface ReachabilityState {
  reachable: boolean;
  set(reachable: boolean): void;
}

export const useReachability = create<ReachabilityState>((set) => ({
  reachable: true,
  set: (reachable) => set((s) => (s.reachable === reachable ? s : { reachable })),
}));

export function reportReachable(reachable: boolean): void {
  useReachability.getState().set(reachable);
}
