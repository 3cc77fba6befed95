// From the compose panel's fields to a send request, and what is wrong with them as the user
// types. Pure (no vscode), so it is unit-tested in Node; the panel runs it on the host because the
// webview never sees settings it does not need, and the checks are the ones the sender applies.
import { normalisePhone } from '../../../core/address';
import { ValidationError } from '../../../core/client/errors';
import { planSend } from '../../../core/client/request';
import { resolvePhone, resolveRecipient } from '../../../core/contacts';
import { prepareSend, type SendInput } from '../../../core/prepare';
import { attachmentUrl, MAX_ATTACHMENTS } from '../../../core/schema';
import type { Settings } from '../../../core/settings';
import type { Draft, Validation } from '../../../shared/compose';

type DraftSettings = Pick<Settings, 'defaultCountry' | 'defaultRecipient' | 'from' | 'contacts' | 'apiVersion'>;

/** The request the panel sends. An empty From is an explicit "let Contiguity choose" (`null`). */
export function draftToInput(draft: Draft): SendInput {
  const input: SendInput = { from: draft.from.trim() === '' ? null : draft.from.trim() };
  const to = draft.to.trim();
  if (to !== '') input.to = to;
  if (draft.message !== '') input.message = draft.message;
  if (draft.attachments.length > 0) input.attachments = draft.attachments.map((a) => a.trim());
  if (draft.fallbackWhen.length > 0) {
    const from = draft.fallbackFrom.trim();
    input.fallback = from === '' ? { when: [...draft.fallbackWhen] } : { when: [...draft.fallbackWhen], from };
  }
  if (draft.fastTrack) input.fast_track = true;
  return input;
}

/**
 * Every problem at once, by field, so the panel can mark each as the user types; then, when the
 * fields look right one by one, the whole request through the sender's own preparation (and the
 * legacy adapter), so the panel never calls valid what the sender would refuse.
 */
export async function validateDraft(draft: Draft, settings: DraftSettings): Promise<Validation> {
  const v: Validation = { problems: {}, hints: {}, warnings: [] };
  const check = async (field: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      v.problems[e.field || field] = e.reason;
    }
  };

  await check('to', async () => {
    const typed = draft.to.trim();
    if (typed === '') {
      if (!settings.defaultRecipient) throw new ValidationError('to', 'is required: a contact name, a phone number or an iCloud email');
      v.hints.to = `empty: goes to the default recipient ${settings.defaultRecipient}`;
      return;
    }
    const recipient = await resolveRecipient(typed, settings, 'to');
    v.hints.to = recipient.contact ? `${recipient.contact}: ${recipient.value}` : recipient.value;
    if (recipient.kind === 'email') v.warnings.push(recipient.warning);
  });
  await check('from', async () => {
    const typed = draft.from.trim();
    if (typed === '') return;
    v.hints.from = await resolvePhone(typed, settings, 'from');
  });
  await check('fallback.from', async () => {
    const typed = draft.fallbackFrom.trim();
    if (typed === '') return;
    if (draft.fallbackWhen.length === 0) {
      throw new ValidationError('fallback.from', 'is only used with a fallback rule: tick when to fall back to SMS');
    }
    v.hints['fallback.from'] = await normalisePhone(typed, settings.defaultCountry, 'fallback.from');
  });
  draft.attachments.forEach((url, i) => {
    const parsed = attachmentUrl.safeParse(url.trim());
    if (!parsed.success) v.problems[`attachments[${i}]`] = parsed.error.issues[0]!.message;
  });
  if (draft.attachments.length > MAX_ATTACHMENTS) {
    v.problems.attachments = `at most ${MAX_ATTACHMENTS} attachments (there are ${draft.attachments.length})`;
  }
  if (draft.message.trim() === '' && draft.attachments.length === 0) {
    v.problems.message = 'is required unless there are attachments';
  }

  if (Object.keys(v.problems).length === 0) {
    await check('request', async () => {
      const { request } = await prepareSend(draftToInput(draft), settings);
      planSend(request, settings.apiVersion);
    });
  }
  return v;
}
