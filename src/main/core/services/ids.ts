/** Record ids: random UUIDs, so ids reveal nothing about order or volume. */
import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
