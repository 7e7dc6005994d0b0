/** The renderer's app state: who is signed in, the office, the lock, and which screen is open. */
import { create } from 'zustand';

import type { BsreConnectionInfo } from '../../shared/domain/bsre';
import type { Office, SessionInfo, UserView } from '../../shared/domain/office';
import type { RenewalDraft } from '../../shared/domain/recap';

export type Route =
  | { name: 'applications' }
  | { name: 'application'; id: string }
  | { name: 'intake'; renewal?: RenewalDraft }
  | { name: 'holders' }
  | { name: 'sop' }
  | { name: 'users' }
  | { name: 'office' }
  | { name: 'bsreSettings' }
  | { name: 'training' }
  | { name: 'identityDesk'; id: string }
  /** `notice`: what the caller just did, shown on arrival (after an action the verifier lands here). */
  | { name: 'queue'; notice?: string }
  | { name: 'dashboard' }
  | { name: 'reports' }
  | { name: 'messages' }
  | { name: 'smtpSettings' }
  | { name: 'privacy' }
  | { name: 'backups' }
  | { name: 'network' }
  | { name: 'staff' }
  /** Satu PC / Server kantor / Meja (desktop app only). */
  | { name: 'networkMode' };

interface AppState {
  user: UserView | null;
  office: Office | null;
  locked: boolean;
  route: Route;
  /** Counts navigations, so choosing the open screen again starts it afresh (e.g. a new intake form). */
  visit: number;
  bsre: BsreConnectionInfo | null;
  setBsre(info: BsreConnectionInfo | null): void;
  signIn(info: SessionInfo): void;
  signOut(): void;
  setOffice(office: Office): void;
  setLocked(locked: boolean): void;
  go(route: Route): void;
}

export const useApp = create<AppState>((set) => ({
  user: null,
  office: null,
  locked: false,
  route: { name: 'applications' },
  visit: 0,
  bsre: null,
  setBsre: (bsre) => set({ bsre }),
  signIn: (info) => set({ user: info.user, office: info.office, locked: false }),
  signOut: () => set({ user: null, locked: false, route: { name: 'applications' } }),
  setOffice: (office) => set({ office }),
  setLocked: (locked) => set({ locked }),
  go: (route) => set((s) => ({ route, visit: s.visit + 1 })),
}));
