// From what a feature asks to send to the exact body the API receives: defaults from settings,
// recipients in E.164, the contract checked. Shared by every way of sending.
import { normalisePhone } from './address';
import { resolvePhone, resolveRecipient } from './contacts';
import { validateSendRequest } from './client/client';
import { ValidationError } from './client/errors';
import type { SendIMessageRequest } from './schema';
import type { Settings } from './settings';

/** A send request as features and other extensions write it: `to` may be national, or omitted. */
export interface SendInput {
  to?: string;
  from?: string | null;
  message?: string;
  fallback?: { when: string[]; from?: string | null } | null;
  attachments?: string[] | null;
  fast_track?: boolean;
}

export interface Prepared {
  request: SendIMessageRequest;
  warnings: string[];
}

type Defaults = Pick<Settings, 'defaultCountry' | 'defaultRecipient' | 'from'> & Partial<Pick<Settings, 'contacts'>>;

export async function prepareSend(input: unknown, settings: Defaults): Promise<Prepared> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('request', 'must be an object with the /send/imessage fields');
  }
  const body: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const warnings: string[] = [];

  const to = body.to ?? (settings.defaultRecipient || undefined);
  if (to === undefined) throw new ValidationError('to', 'is required: give a recipient or set imessage.defaultRecipient');
  if (typeof to === 'string') {
    // A recipient from the settings is the setting's fault, and named so.
    const field = body.to === undefined ? 'imessage.defaultRecipient' : 'to';
    const recipient = await resolveRecipient(to, settings, field);
    body.to = recipient.value;
    if (recipient.kind === 'email') warnings.push(recipient.warning);
  }

  if (body.from === undefined && settings.from) body.from = settings.from;
  if (typeof body.from === 'string') body.from = await resolvePhone(body.from, settings, 'from');

  const fallback = body.fallback;
  if (isRecord(fallback) && typeof fallback.from === 'string') {
    body.fallback = { ...fallback, from: await normalisePhone(fallback.from, settings.defaultCountry, 'fallback.from') };
  }
  return { request: validateSendRequest(body), warnings };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
