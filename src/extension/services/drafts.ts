// The compose draft on the host side, in globalState: it outlives the panel (closed and reopened)
// and the window (reloaded), and a stored value that does not parse is ignored, never trusted.
import type * as vscode from 'vscode';
import { type Draft, draftSchema, EMPTY_DRAFT, type SavedDraft, savedDraftSchema } from '../../shared/compose';

const DRAFT_KEY = 'imessage.compose.draft';
const REPLACED_KEY = 'imessage.compose.replacedDraft';

export class DraftStore {
  constructor(private readonly state: vscode.Memento) {}

  /**
   * The newer of the stored draft and `other` (the page's state after a reload) by revision, the
   * stored one on a tie; with neither, a fresh draft whose From is the `imessage.from` setting.
   */
  draft(defaultFrom: string, other?: SavedDraft): SavedDraft {
    return newest(parseSavedDraft(this.state.get(DRAFT_KEY)), other) ?? { draft: { ...EMPTY_DRAFT, from: defaultFrom }, revision: 0 };
  }

  save(saved: SavedDraft): Thenable<void> {
    return this.state.update(DRAFT_KEY, saved);
  }

  /** A draft that prefilled args replaced, kept until restored or the next send. */
  replaced(): Draft | undefined {
    return parseDraft(this.state.get(REPLACED_KEY));
  }

  saveReplaced(draft: Draft | undefined): Thenable<void> {
    return this.state.update(REPLACED_KEY, draft);
  }
}

/** The one with the higher revision; `a` on a tie. */
export function newest(a: SavedDraft | undefined, b: SavedDraft | undefined): SavedDraft | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.revision > a.revision ? b : a;
}

export function parseDraft(value: unknown): Draft | undefined {
  const parsed = draftSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A draft with its revision; a bare draft (stored, or a page's state, before revisions) is revision 0. */
export function parseSavedDraft(value: unknown): SavedDraft | undefined {
  const parsed = savedDraftSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const bare = parseDraft(value);
  return bare && { draft: bare, revision: 0 };
}

/** Whether a draft holds anything a user would mind losing. */
export function hasContent(draft: Draft): boolean {
  return draft.message.trim() !== '' || draft.attachments.length > 0;
}
