/**
 * axe-core in the e2e journeys: every screen a journey visits is checked, and a serious or
 * critical violation fails the test with its rule, impact and the elements it names. Minor and
 * moderate findings are counted (printed once per run) but do not fail.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Screens checked in this test process, with their serious/critical counts (all zero when green). */
export const a11yLog: { screen: string; serious: number; critical: number; other: number }[] = [];

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an inline <script>.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const page = globalThis as unknown as {
      axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations as never;
  });
}

/** Fails on any serious or critical axe violation on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  const count = (impact: string) => violations.filter((v) => v.impact === impact).length;
  const entry = {
    screen,
    serious: count('serious'),
    critical: count('critical'),
    other: violations.length - count('serious') - count('critical'),
  };
  a11yLog.push(entry);
  // LOKET_A11Y_LOG=<file>: one JSON line per checked screen, to count them over a whole run.
  if (process.env.LOKET_A11Y_LOG) appendFileSync(process.env.LOKET_A11Y_LOG, `${JSON.stringify(entry)}\n`);
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(blocking, `axe on "${screen}"`).toEqual([]);
}
