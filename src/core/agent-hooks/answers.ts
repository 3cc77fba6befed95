// A decision → exactly what the agent reads: stdout JSON and an exit code, per agent and event.
// Everything answers with exit 0: Copilot CLI treats any other exit of a preToolUse hook as a
// denial, and Claude Code and VS Code treat exit 2 as a block. "none" (and anything that is not
// a permission event) is exit 0 with no output, which every agent reads as "no decision": its own
// prompt decides. Nothing here ever allows unless the decision says allow.
import { redact } from '../redact';
import { cleanText } from '../untrusted-text';
import type { HookEvent } from './events';

export type Decision = { kind: 'allow' } | { kind: 'deny'; reason?: string } | { kind: 'ask'; reason?: string } | { kind: 'none' };

export interface HookAnswer {
  exitCode: number;
  /** '' or one JSON document, as the agent parses it. */
  stdout: string;
}

/** What the agent shows (deny: the model; ask: the user) is the user's own reply text: cleaned, capped, redacted. */
const MAX_REASON_CHARS = 500;
const DENIED = 'The user denied this by iMessage.';
const ASKED = 'No answer by iMessage: the user decides here.';

const NO_DECISION: HookAnswer = { exitCode: 0, stdout: '' };

/** The answer to `event` (as parsed) for `decision`. */
export function answerFor(event: Pick<HookEvent, 'agent' | 'kind' | 'event'>, decision: Decision): HookAnswer {
  if (event.kind !== 'permission' || decision.kind === 'none') return NO_DECISION;
  const reason = decision.kind === 'allow' ? undefined : reasonText(decision.reason, decision.kind === 'deny' ? DENIED : ASKED);
  const permissionRequest = /^permissionRequest$/i.test(event.event);
  switch (event.agent) {
    case 'vscode':
    case 'claude':
      // Claude Code, "PermissionRequest decision control": allow or deny inside hookSpecificOutput.decision; "ask" is the dialog itself.
      if (permissionRequest) {
        return json(behavior(decision, reason), (inner) => ({
          hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: inner },
        }));
      }
      // Claude Code, "PreToolUse decision control"; VS Code, "PreToolUse output".
      return json({
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: decision.kind,
          ...(reason ? { permissionDecisionReason: reason } : {}),
        },
      });
    case 'copilot-cli':
      // Copilot CLI hooks reference, "permissionRequest decision control": no "ask"; an empty answer falls through to its prompt.
      if (permissionRequest) return json(behavior(decision, reason));
      // "preToolUse decision control": top-level fields; the docs show no other shape for PascalCase configurations.
      return json({ permissionDecision: decision.kind, ...(reason ? { permissionDecisionReason: reason } : {}) });
    case 'codex':
      // notify is fire-and-forget: Codex reads nothing back.
      return NO_DECISION;
  }
}

/** A permission request's `{ behavior, message }`; undefined for "ask", which these requests answer by showing their own prompt. */
function behavior(decision: Exclude<Decision, { kind: 'none' }>, reason: string | undefined): object | undefined {
  if (decision.kind === 'ask') return undefined;
  return { behavior: decision.kind, ...(decision.kind === 'deny' && reason ? { message: reason } : {}) };
}

function reasonText(reason: string | undefined, fallback: string): string {
  const text = redact(cleanText(reason ?? '', { max: MAX_REASON_CHARS }));
  return text === '' ? fallback : text;
}

/** `value` (wrapped when given a wrapper) as the answer; no value is no decision. */
function json(value: object | undefined, wrap: (value: object) => object = (v) => v): HookAnswer {
  return value === undefined ? NO_DECISION : { exitCode: 0, stdout: JSON.stringify(wrap(value)) };
}
