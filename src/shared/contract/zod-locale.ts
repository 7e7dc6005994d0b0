/**
 * Zod speaks Bahasa Indonesia for every message a schema does not set itself, in the core and in
 * the renderer alike (imported by the schemas module, so loading the contract configures it).
 */
import { z } from 'zod';

z.config(z.locales.id());
