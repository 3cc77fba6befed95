// The one door to zod: `zod/mini` (functions instead of methods, so the bundle keeps only what the
// schemas use, and schemas are cheap to build), with zod's English messages configured once here,
// before any schema parses. Every module imports zod from this file, never from 'zod' directly.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
