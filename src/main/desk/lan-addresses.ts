/**
 * The PC's own LAN addresses, offered when the Admin makes this PC the office server: the listener
 * binds to one chosen address (never 0.0.0.0 by default), so it is reachable only on that network.
 */
import { networkInterfaces } from 'node:os';

export interface LanAddress {
  address: string;
  interfaceName: string;
}

export function lanAddresses(): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [interfaceName, entries] of Object.entries(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.internal || entry.family !== 'IPv4') continue;
      found.push({ address: entry.address, interfaceName });
    }
  }
  return found;
}
