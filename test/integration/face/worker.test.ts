// The face engine in its worker thread (worker-client.ts ↔ worker.ts), real models: the card is
// described once and the decision with that stored descriptor gives exactly the numbers of the
// one-shot comparison; tfjs never loads on the calling thread; errors keep their class across the
// boundary; the stored descriptor is sealed with the reading and comes back intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CardFace } from '../../../src/main/core/face/card-face';
import { FaceImageError } from '../../../src/main/core/face/image';
import { FaceWorker } from '../../../src/main/core/face/worker-client';
import { latestIdentityCheck, saveIdentityCheck } from '../../../src/main/core/store/repos/identity-checks';
import type { KtpOcrResult } from '../../../src/shared/domain/identity';
import { createApplication, makeTempCore, readyOffice } from '../../helpers/core-fixture';
import { idPhoto, ktpCard, webcamFrame } from './derive';

const SLOW = 120_000;
const worker = new FaceWorker();
let card: Buffer;
let selfie: Buffer;
let other: Buffer;
let described: CardFace;

beforeAll(async () => {
  await worker.init();
  card = await ktpCard(await idPhoto('astronaut'));
  selfie = await webcamFrame('astronaut');
  other = await webcamFrame('grace_hopper');
  described = await worker.describeCard(card);
}, SLOW);

afterAll(async () => {
  await worker.close();
});

describe('face worker', () => {
  it('describes the card portrait once: 128 numbers from the running model version', () => {
    expect(described.descriptor).toHaveLength(128);
    expect(described.insidePortraitArea).toBe(true);
    expect(described.modelVersion).toBe(worker.modelVersion);
    expect(described.modelVersion).toMatch(/tiny_face_detector/);
  });

  it(
    'the decision with the stored descriptor equals the one-shot comparison',
    async () => {
      const cached = await worker.compareWithCard(described, selfie);
      const oneShot = await worker.compare(card, selfie);
      expect(cached.distance).not.toBeNull();
      expect(cached.distance).toBe(oneShot.distance);
      expect(cached.band).toBe('cocok');
      const stranger = await worker.compareWithCard(described, other);
      expect(stranger.band).toBe('tidakCocok');
    },
    SLOW,
  );

  it('a card without a face gives a warning result from the stored descriptor, no exception', async () => {
    const r = await worker.compareWithCard({ ...described, descriptor: null }, selfie);
    expect(r.ktpFaceFound).toBe(false);
    expect(r.band).toBeNull();
    expect(r.selfieFaceCount).toBe(1);
  });

  it('runs the models off the calling thread: tfjs is never loaded here', () => {
    expect((globalThis as Record<string, unknown>)['_tfengine']).toBeUndefined();
  });

  it('an unreadable image is still a FaceImageError after crossing the thread', async () => {
    const err = await worker.describeCard(Buffer.from('not an image')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaceImageError);
    expect((err as Error).message).toMatch(/Gambar KTP tidak dapat dibaca/);
  });

  it('refuses a descriptor of the wrong length', async () => {
    await expect(worker.compareWithCard({ ...described, descriptor: [1, 2, 3] }, selfie)).rejects.toThrow(/128/);
  });
});

describe('the stored card descriptor', () => {
  it(
    'is sealed inside the reading, comes back intact and never appears in the OCR result',
    async () => {
      const t = await makeTempCore();
      try {
        const { staff } = await readyOffice(t.core, 'trenggalek-2024');
        const app = await createApplication(t.core, staff, 'trenggalek-2024');
        const at = t.clock.now().toISOString();
        const ocr = { fields: {}, durationMs: 1, engine: 'x' } as unknown as KtpOcrResult;
        const base = {
          id: 'ic-1',
          applicationId: app.id,
          consentAt: at,
          consentVersion: 'v1',
          consentRecordedBy: staff.users.verifikator.id,
          ktpDocumentId: null,
          ocr,
          confirmed: null,
          confirmedAt: null,
          selfieDocumentId: null,
          face: null,
          createdAt: at,
          updatedAt: at,
        };
        await saveIdentityCheck(t.core.db, t.key, { ...base, ktpFace: described });
        const back = await latestIdentityCheck(t.core.db, t.key, app.id);
        expect(back?.ktpFace).toEqual(described);
        expect(back?.ocr).toEqual(ocr);
        const raw = (await t.core.db.prepare('SELECT * FROM identity_checks WHERE id = ?').get('ic-1')) as Record<
          string,
          unknown
        >;
        const first = String(described.descriptor?.[0]);
        expect(JSON.stringify(raw)).not.toContain(first);
        await saveIdentityCheck(t.core.db, t.key, base); // an older row without a descriptor
        expect((await latestIdentityCheck(t.core.db, t.key, app.id))?.ktpFace).toBeNull();
      } finally {
        await t.close();
      }
    },
    SLOW,
  );
});
