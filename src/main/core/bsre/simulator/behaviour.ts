/**
 * The simulator's behaviour switches: production as seen live by default, and the alternatives a
 * server may show where production is not known, so the client is tested against each. Unlike a
 * fault these hold until changed and apply to every request.
 */
import type { SimBehaviour } from './model';

export const PRODUCTION_BEHAVIOUR: Readonly<SimBehaviour> = Object.freeze({
  unknownNik: 'NO_CERTIFICATE',
  unknownEmail: 'NOT_REGISTERED',
  strictRegistration: false,
});

const STATUS_CHOICES = ['NO_CERTIFICATE', 'NOT_REGISTERED'] as const;

export class BehaviourSwitch {
  private value: SimBehaviour;

  constructor(initial: Partial<SimBehaviour> = {}) {
    this.value = { ...PRODUCTION_BEHAVIOUR };
    this.set(initial);
  }

  /** Merges `partial`; throws on a value of the wrong kind (operator input is untrusted). */
  set(partial: Partial<SimBehaviour>): void {
    const next: SimBehaviour = { ...this.value };
    for (const [key, value] of Object.entries(partial as Record<string, unknown>)) {
      if (value === undefined) continue;
      if (key === 'unknownNik' || key === 'unknownEmail') {
        if (!(STATUS_CHOICES as readonly unknown[]).includes(value))
          throw new Error(`${key} harus NO_CERTIFICATE atau NOT_REGISTERED.`);
        next[key] = value as SimBehaviour['unknownNik'];
      } else if (key === 'strictRegistration') {
        if (typeof value !== 'boolean') throw new Error('strictRegistration harus true/false.');
        next.strictRegistration = value;
      } else {
        throw new Error(`Perilaku tidak dikenal: ${key}`);
      }
    }
    this.value = next;
  }

  reset(): void {
    this.value = { ...PRODUCTION_BEHAVIOUR };
  }

  current(): SimBehaviour {
    return { ...this.value };
  }
}
