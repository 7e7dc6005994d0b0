/**
 * Generates a benchmark set of KTP cards into a folder (the OS temp dir at bench time; never
 * committed): clean, degraded (degrade.ts) and photographed (photo.ts) renditions of `count` fake
 * people, NIKs in the given digit faces, and a ground-truth.json in the shape ocr/bench.ts reads.
 * The tuning set uses the fixtures' seed and the tuning NIK fonts; the held-out set other seeds
 * (so other people) and fonts the reader was never tuned on, and is scored only in the final bench.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import sharp from 'sharp';

import { DEGRADATIONS, degrade } from './degrade';
import { FACE_IDS, type FaceId } from './faces';
import type { NikFont } from './fonts';
import { makePeople } from './people';
import { photographCard, type PhotoParams } from './photo';
import { createRng } from './prng';
import { CardRenderer } from './render';
import { idPhoto } from './selfies';

export interface BenchSetOptions {
  seed: number;
  count: number;
  fonts: readonly NikFont[];
  /** Photographed renditions per person. */
  photos: number;
  /** Degraded renditions per person (cycling through DEGRADATIONS). */
  degraded: number;
  /** Include the clean card. */
  clean: boolean;
}

export interface BenchSetCard {
  id: string;
  file: string;
  variant: string;
  condition: 'clean' | 'degraded' | 'photographed';
  nikFont: NikFont;
  person: { fields: Record<string, string> };
  /** How a photographed rendition was taken (background, tilt, turns, light…), to read a failure. */
  photo?: PhotoParams;
}

export async function generateBenchSet(out: string, o: BenchSetOptions): Promise<string> {
  mkdirSync(join(out, 'cards'), { recursive: true });
  const portraits = new Map<FaceId, Buffer>();
  for (const face of FACE_IDS) portraits.set(face, await idPhoto(face, createRng(o.seed, `portrait/${face}`)));
  const people = makePeople(o.seed, o.count);
  const cards: BenchSetCard[] = [];
  const renderer = await CardRenderer.launch();
  try {
    for (const [i, person] of people.entries()) {
      const nikFont = o.fonts[i % o.fonts.length] as NikFont;
      const rendered = await renderer.render(person, nikFont, portraits.get(person.face) as Buffer);
      const add = (variant: string, condition: BenchSetCard['condition'], jpeg: Buffer, photo?: PhotoParams) => {
        const file = `cards/${person.id}-${variant}.jpg`;
        writeFileSync(join(out, file), jpeg);
        cards.push({
          id: person.id,
          file,
          variant,
          condition,
          nikFont,
          person: { fields: person.fields },
          ...(photo ? { photo } : {}),
        });
      };
      if (o.clean)
        add(
          'clean',
          'clean',
          await sharp(rendered.png).flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer(),
        );
      for (let k = 0; k < o.degraded; k++) {
        const variant = DEGRADATIONS[(i + k) % DEGRADATIONS.length] ?? 'combo';
        add(
          variant,
          'degraded',
          (await degrade(rendered.png, variant, createRng(o.seed, `${person.id}/${variant}`))).jpeg,
        );
      }
      for (let k = 0; k < o.photos; k++) {
        const { jpeg, params } = await photographCard(rendered.png, createRng(o.seed, `${person.id}/photo-${k}`));
        add(`photo${k + 1}`, 'photographed', jpeg, params);
      }
    }
  } finally {
    await renderer.close();
  }
  const gt = join(out, 'ground-truth.json');
  writeFileSync(gt, JSON.stringify({ generator: { seed: o.seed, count: o.count, fonts: o.fonts }, cards }, null, 1));
  return gt;
}
