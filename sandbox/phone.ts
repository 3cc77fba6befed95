// The other end of every thread: what the person does on their phone. The inbox page, the
// `/__sandbox/` control routes and the in-process Sandbox methods all come through here.
import { applyTapback, latestWithText } from './conversation';
import { badRequest } from './errors';
import { MAX_ATTACHMENTS, requireOneOf, TAPBACKS } from './schemas';
import type { SandboxState } from './state';
import type { InboundMessage, NumberMode, ReactionEvent } from './types';
import {
  describe,
  optionalString,
  rejectUnknown,
  requireAttachmentUrl,
  requireE164,
  requireRecipient,
  requireString,
  type JsonObject,
} from './validate';

export const MODES: readonly NumberMode[] = ['imessage', 'no-imessage', 'failing'];

/** `from` is the person, `to` one of our leased numbers: the direction of a message they send us. */
function personAndNumber(state: SandboxState, body: JsonObject): { person: string; ours: string } {
  const person = requireRecipient(requireString(body.from, 'from'), 'from');
  const ours = requireE164(requireString(body.to, 'to'), 'to');
  if (!state.findNumber(ours)) throw badRequest(`\`to\` ${ours} is not one of the sandbox's leased numbers`);
  return { person, ours };
}

/** POST /__sandbox/inbound {from, to, message?, attachments?}: the person writes to us. */
export function receive(state: SandboxState, body: JsonObject): InboundMessage {
  rejectUnknown(body, ['from', 'to', 'message', 'attachments']);
  const { person, ours } = personAndNumber(state, body);
  const message = optionalString(body.message, 'message') ?? '';
  let attachments: string[] = [];
  if (body.attachments !== undefined) {
    if (!Array.isArray(body.attachments)) throw badRequest(`\`attachments\` must be an array of URLs, got ${describe(body.attachments)}`);
    if (body.attachments.length > MAX_ATTACHMENTS) {
      throw badRequest(`\`attachments\` has ${body.attachments.length} URLs; at most ${MAX_ATTACHMENTS} are allowed`);
    }
    attachments = body.attachments.map((u: unknown, i: number) =>
      requireAttachmentUrl(requireString(u, `attachments[${i}]`), `attachments[${i}]`),
    );
  }
  if (message.trim() === '' && attachments.length === 0) throw badRequest('`message` is required unless `attachments` is non-empty');
  return state.receive({ from: person, to: ours, message, attachments });
}

/** POST /__sandbox/reactions {from, to, action, tapback, message | message_id}: the person taps back. */
export function react(state: SandboxState, body: JsonObject): ReactionEvent {
  rejectUnknown(body, ['from', 'to', 'action', 'tapback', 'message', 'message_id']);
  const { person, ours } = personAndNumber(state, body);
  const action = requireOneOf(body.action, ['add', 'remove'] as const, 'action');
  const tapback = requireOneOf(body.tapback, TAPBACKS, 'tapback');
  if ((body.message === undefined) === (body.message_id === undefined)) {
    throw badRequest('Give exactly one of `message` (the text, latest message wins, as the API does) or `message_id`');
  }
  let target;
  if (body.message_id !== undefined) {
    const id = requireString(body.message_id, 'message_id');
    target = state.thread(ours, person).find((m) => m.id === id);
    if (!target) throw badRequest(`\`message_id\` ${JSON.stringify(id)} is not in the conversation between ${ours} and ${person}`);
  } else {
    target = latestWithText(state, ours, person, requireString(body.message, 'message'));
  }
  return applyTapback(state, { by: person, target, action, tapback });
}

/** POST /__sandbox/read {from, to}: the person opens the thread; returns how many messages became read. */
export function markRead(state: SandboxState, body: JsonObject): number {
  rejectUnknown(body, ['from', 'to']);
  const { person, ours } = personAndNumber(state, body);
  return state.readByPerson(ours, person);
}

/** POST /__sandbox/mode {number, mode}: how the person's phone behaves from now on. */
export function setMode(state: SandboxState, body: JsonObject): NumberMode {
  rejectUnknown(body, ['number', 'mode']);
  const number = requireRecipient(requireString(body.number, 'number'), 'number');
  const mode = requireOneOf(body.mode, MODES, 'mode');
  state.setMode(number, mode);
  return mode;
}
