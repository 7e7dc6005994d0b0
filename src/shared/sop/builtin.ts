/** The SOP templates that ship with the app, validated when loaded (a broken asset fails fast). */
import madiun from '../../../assets/sop/madiun.json';
import trenggalek from '../../../assets/sop/trenggalek-2024.json';
import { type SopTemplate, sopTemplateSchema } from './template';

export const BUILTIN_TEMPLATES: readonly SopTemplate[] = [trenggalek, madiun].map((t) => sopTemplateSchema.parse(t));

export const DEFAULT_TEMPLATE_ID = 'trenggalek-2024';

export function findTemplate(id: string): SopTemplate | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.id === id);
}
