/**
 * Writes the synthetic KTP fixture set used by the OCR, face-match and capture tests:
 *   npx tsx scripts/ktp/generate.ts [--out test/fixtures/ktp] [--count 12] [--seed 20240917]
 * Output: cards/<id>-clean.jpg and cards/<id>-<degradation>.jpg, portraits/<face>.jpg (the ID-photo
 * crop printed on the cards), selfies/*.jpg, camera/*.y4m (+ .jpg previews) for Chromium's fake
 * webcam, and ground-truth.json. The same seed gives the same files. Old generated files in those
 * folders are removed first; nothing else in --out is touched.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import sharp from 'sharp';

import { cardOnDesk, rgbToY4m } from './camera';
import { DEGRADATIONS, degrade, type DegradeParams } from './degrade';
import { FACE_IDS, type FaceId, FACES } from './faces';
import type { NikFont } from './fonts';
import { type KtpFields, makePeople } from './people';
import { fromRaw, toRaw } from './pixels';
import { createRng } from './prng';
import { CARD_LAYOUT, CardRenderer, type Rect, toFractions } from './render';
import { idPhoto, selfieFrame, type SelfieParams } from './selfies';

export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20240917;
export const DEFAULT_COUNT = 12;
const CLEAN_QUALITY = 90;
const SUBDIRS = ['cards', 'portraits', 'selfies', 'camera'] as const;

export interface CardEntry {
  id: string;
  file: string;
  variant: 'clean' | (typeof DEGRADATIONS)[number];
  nikFont: NikFont;
  width: number;
  height: number;
  person: { face: FaceId; fields: KtpFields };
  /** Printed but not a field: Tempat/Tgl Lahir date as printed, issue place/date under the photo. */
  printed: { tanggalLahir: string; issuePlace: string; issueDate: string };
  /** Fields printed on two lines (joined with one space in `fields`). */
  wrapped: string[];
  /** Clean cards only: each field's printed value box, fractions of the card. */
  boxes?: Partial<Record<keyof KtpFields, Rect>>;
  degradation?: DegradeParams;
}

export interface SelfieEntry {
  file: string;
  /** The card face this selfie is to be compared with; `kind` says whether it is that person. */
  face: FaceId;
  kind: 'same' | 'different';
  /** The photo the selfie was actually derived from. */
  shows: FaceId;
  params: SelfieParams;
}

export interface CameraEntry {
  file: string;
  preview: string;
  kind: 'card' | 'selfie';
  cardId?: string;
  face: FaceId;
}

export interface GroundTruth {
  generator: { version: number; seed: number; count: number; command: string };
  layout: {
    width: number;
    height: number;
    photo: Rect;
    photoPx: Rect;
    labels: readonly string[];
    columns: { labelX: number; colonX: number; valueX: number; valueRight: number };
    notes: string[];
  };
  faces: Record<FaceId, { source: string; licence: string }>;
  portraits: { file: string; face: FaceId }[];
  cards: CardEntry[];
  selfies: SelfieEntry[];
  camera: CameraEntry[];
}

function parseArgs(argv: string[]): { out: string; count: number; seed: number } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = Number(get('count') ?? DEFAULT_COUNT);
  const seed = Number(get('seed') ?? DEFAULT_SEED);
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new Error('--count must be 1..100');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return { out: resolve(get('out') ?? 'test/fixtures/ktp'), count, seed };
}

function cleanOutputs(out: string): void {
  for (const sub of SUBDIRS) {
    const dir = join(out, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (/\.(jpg|png|y4m)$/.test(f)) rmSync(join(dir, f));
  }
}

function write(out: string, rel: string, data: Buffer | string): string {
  writeFileSync(join(out, rel), data);
  return rel;
}

export async function generate(out: string, count: number, seed: number): Promise<GroundTruth> {
  for (const sub of SUBDIRS) mkdirSync(join(out, sub), { recursive: true });
  cleanOutputs(out);

  const portraits = new Map<FaceId, Buffer>();
  for (const face of FACE_IDS) {
    const jpeg = await idPhoto(face, createRng(seed, `portrait/${face}`));
    portraits.set(face, jpeg);
    write(out, `portraits/${face}.jpg`, jpeg);
  }

  const people = makePeople(seed, count);
  const cards: CardEntry[] = [];
  const cleanPngs = new Map<string, Buffer>();
  const renderer = await CardRenderer.launch();
  try {
    for (const [i, person] of people.entries()) {
      const nikFont: NikFont = i % 2 === 0 ? 'ocra' : 'plain';
      const rendered = await renderer.render(person, nikFont, portraits.get(person.face) as Buffer);
      cleanPngs.set(person.id, rendered.png);
      const base = {
        id: person.id,
        nikFont,
        person: { face: person.face, fields: person.fields },
        printed: {
          tanggalLahir: person.printed.tanggalLahir,
          issuePlace: person.printed.issuePlace,
          issueDate: person.printed.issueDate,
        },
        wrapped: rendered.wrapped,
      };
      const boxes: Partial<Record<keyof KtpFields, Rect>> = {};
      for (const [k, r] of Object.entries(rendered.boxes)) boxes[k as keyof KtpFields] = toFractions(r);
      const clean = await sharp(rendered.png)
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: CLEAN_QUALITY, chromaSubsampling: '4:4:4' })
        .toBuffer();
      cards.push({
        ...base,
        file: write(out, `cards/${person.id}-clean.jpg`, clean),
        variant: 'clean',
        width: CARD_LAYOUT.width,
        height: CARD_LAYOUT.height,
        boxes,
      });
      for (const variant of DEGRADATIONS) {
        const { jpeg, params } = await degrade(rendered.png, variant, createRng(seed, `${person.id}/${variant}`));
        const meta = await sharp(jpeg).metadata();
        cards.push({
          ...base,
          file: write(out, `cards/${person.id}-${variant}.jpg`, jpeg),
          variant,
          width: meta.width ?? 0,
          height: meta.height ?? 0,
          degradation: params,
        });
      }
    }
  } finally {
    await renderer.close();
  }

  // Selfies: two "same" frames per face, and one "different" frame per face showing the next face.
  const selfies: SelfieEntry[] = [];
  for (const [fi, face] of FACE_IDS.entries()) {
    for (const n of [1, 2]) {
      const { jpeg, params } = await selfieFrame(face, createRng(seed, `selfie/${face}/${n}`));
      selfies.push({
        file: write(out, `selfies/same-${face}-${n}.jpg`, jpeg),
        face,
        kind: 'same',
        shows: face,
        params,
      });
    }
    const other = FACE_IDS[(fi + 1) % FACE_IDS.length] as FaceId;
    const { jpeg, params } = await selfieFrame(other, createRng(seed, `selfie/${face}/different`));
    selfies.push({
      file: write(out, `selfies/different-for-${face}.jpg`, jpeg),
      face,
      kind: 'different',
      shows: other,
      params,
    });
  }

  // Fake-webcam frames: the first card on a desk, and a selfie of that card's face.
  const camera: CameraEntry[] = [];
  const first = people[0];
  if (first) {
    const desk = await cardOnDesk(cleanPngs.get(first.id) as Buffer, createRng(seed, 'camera/card'));
    write(out, 'camera/ktp-card.y4m', rgbToY4m(desk));
    write(out, 'camera/ktp-card.jpg', await fromRaw(desk).jpeg({ quality: 85 }).toBuffer());
    camera.push({
      file: 'camera/ktp-card.y4m',
      preview: 'camera/ktp-card.jpg',
      kind: 'card',
      cardId: first.id,
      face: first.face,
    });
    const { jpeg } = await selfieFrame(first.face, createRng(seed, 'camera/selfie'));
    const selfieRaw = await toRaw(sharp(jpeg));
    write(out, 'camera/selfie-same.y4m', rgbToY4m(selfieRaw));
    write(out, 'camera/selfie-same.jpg', jpeg);
    camera.push({
      file: 'camera/selfie-same.y4m',
      preview: 'camera/selfie-same.jpg',
      kind: 'selfie',
      cardId: first.id,
      face: first.face,
    });
  }

  const L = CARD_LAYOUT;
  const truth: GroundTruth = {
    generator: {
      version: GENERATOR_VERSION,
      seed,
      count,
      command: `npx tsx scripts/ktp/generate.ts --out test/fixtures/ktp --count ${count} --seed ${seed}`,
    },
    layout: {
      width: L.width,
      height: L.height,
      photo: toFractions(L.photo),
      photoPx: L.photo,
      labels: L.labels,
      columns: {
        labelX: toFractions({ x: L.labelX, y: 0, w: 0, h: 0 }).x,
        colonX: toFractions({ x: L.colonX, y: 0, w: 0, h: 0 }).x,
        valueX: toFractions({ x: L.valueX, y: 0, w: 0, h: 0 }).x,
        valueRight: toFractions({ x: L.valueX + L.valueWidth, y: 0, w: 0, h: 0 }).x,
      },
      notes: [
        'Fractions are of the clean card (1012x638). Degraded cards are rotated/scaled, so use them only after deskew and crop.',
        '"Gol. Darah : <value>" is printed on the same line as "Jenis Kelamin", to the right of its value, as on real e-KTPs.',
        'RT/RW, Kel/Desa and Kecamatan labels are indented by 22 px under Alamat.',
        'Tempat/Tgl Lahir is printed "<TEMPAT>, DD-MM-YYYY"; fields.tanggalLahir is ISO.',
        'Under the photo: issuing regency/city (no prefix) and the issue date DD-MM-YYYY, then a signature. These are not birth data.',
        'Wrapped values (see cards[].wrapped) continue on the next line in the value column; fields join them with one space.',
      ],
    },
    faces: Object.fromEntries(
      FACE_IDS.map((f) => [f, { source: FACES[f].fileName, licence: FACES[f].licence }]),
    ) as GroundTruth['faces'],
    portraits: FACE_IDS.map((face) => ({ file: `portraits/${face}.jpg`, face })),
    cards,
    selfies,
    camera,
  };
  write(out, 'ground-truth.json', `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}

function dirSize(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    total += s.isDirectory() ? dirSize(p) : s.size;
  }
  return total;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { out, count, seed } = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  generate(out, count, seed)
    .then((truth) => {
      const mb = (dirSize(out) / 1024 / 1024).toFixed(2);
      console.log(
        `${truth.cards.length} cards, ${truth.selfies.length} selfies, ${truth.camera.length} camera frames → ${out} (${mb} MB, ${Date.now() - t0} ms)`,
      );
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
