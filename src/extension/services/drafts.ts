// The compose draft on the host side, in globalState: it outlives the panel (closed and reopened)
// and the window (reloaded), and a stored value that does not parse is ignored, never trusted.
import type * as vscode from 'vscode';
import { type Draft, draftSchema, EMPTY_DRAFT } from '../../shared/compose';

const DRAFT_KEY = 'imessage.compose.draft';
const REPLACED_KEY = 'imessage.compose.replacedDraft';

export class DraftStore {
  constructor(private readonly state: vscode.Memento) {}

  /** The stored draft, else `fallback`, else a fresh one whose From is the `imessage.from` setting. */
  draft(defaultFrom: string, fallback?: Draft): Draft {
    return parseDraft(this.state.get(DRAFT_KEY)) ?? fallback ?? { ...EMPTY_DRAFT, from: defaultFrom };
  }

  save(draft: Draft): Thenable<void> {
    return this.state.update(DRAFT_KEY, draft);
  }

  /** A draft that prefilled args replaced, kept until restored or the next send. */
  replaced(): Draft | undefined {
    return parseDraft(this.state.get(REPLACED_KEY));
  }

  saveReplaced(draft: Draft | undefined): Thenable<void> {
    return this.state.update(REPLACED_KEY, draft);
  }
}

export function parseDraft(value: unknown): Draft | undefined {
  const parsed = draftSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Whether a draft holds anything a user would mind losing. */
export function hasContent(draft: Draft): boolean {
  return draft.message.trim() !== '' || draft.attachments.length > 0;
}
