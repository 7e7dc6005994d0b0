/** The office (Dinas) running the desk: identity for letterheads and the zone for times. */
export const TIME_ZONES = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
} as const;
export type TimeZoneLabel = keyof typeof TIME_ZONES;

export interface Office {
  name: string;
  regency: string;
  address: string;
  timeZone: TimeZoneLabel;
  letterhead: string;
  sopTemplateId: string;
  idleLockMinutes: number;
}

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  nip: string;
  role: import('./roles').Role;
  active: boolean;
  createdAt: string;
}

export interface SessionInfo {
  token: string;
  user: UserView;
  office: Office;
}
