import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { DraftStore, parseSavedDraft } from '../../../src/extension/services/drafts';
import { type Draft, EMPTY_DRAFT } from '../../../src/shared/compose';

/** globalState as the store sees it: get and update. */
function memento(values: Record<string, unknown> = {}): vscode.Memento {
  const map = new Map(Object.entries(values));
  return {
    keys: () => [...map.keys()],
    get: <T>(key: string, fallback?: T) => (map.has(key) ? map.get(key) : fallback) as T,
    update: async (key: string, value: unknown) => void map.set(key, value),
  };
}

const KEY = 'imessage.compose.draft';
const draft = (message: string): Draft => ({ ...EMPTY_DRAFT, to: '+14155552671', message });

describe('compose draft store: after a reload the newer copy wins', () => {
  it("takes the page's state when the store is behind it (the reload cut off the host's write)", () => {
    const store = new DraftStore(memento({ [KEY]: { draft: draft('kept after failure'), revision: 7 } }));
    assert.deepEqual(store.draft('', { draft: draft('typed just before'), revision: 9 }), {
      draft: draft('typed just before'),
      revision: 9,
    });
  });

  it('keeps the stored draft when the page state is older or as old', () => {
    const store = new DraftStore(memento({ [KEY]: { draft: draft('stored'), revision: 9 } }));
    assert.equal(store.draft('', { draft: draft('older'), revision: 8 }).draft.message, 'stored');
    assert.equal(store.draft('', { draft: draft('same revision'), revision: 9 }).draft.message, 'stored');
    assert.equal(store.draft('').draft.message, 'stored');
  });

  it('reads a draft stored before revisions as revision 0, and starts fresh from imessage.from', async () => {
    assert.deepEqual(new DraftStore(memento({ [KEY]: draft('old format') })).draft(''), { draft: draft('old format'), revision: 0 });
    const store = new DraftStore(memento());
    assert.deepEqual(store.draft('+15550000001'), { draft: { ...EMPTY_DRAFT, from: '+15550000001' }, revision: 0 });
    await store.save({ draft: draft('saved'), revision: 1 });
    assert.deepEqual(store.draft(''), { draft: draft('saved'), revision: 1 });
  });

  it('never trusts a page state or stored value that does not parse', () => {
    for (const revision of [-1, 1.5, Number.MAX_SAFE_INTEGER + 2, '9', null]) {
      assert.equal(parseSavedDraft({ draft: draft('x'), revision }), undefined, String(revision));
    }
    assert.equal(parseSavedDraft({ draft: { ...draft('x'), extra: 1 }, revision: 1 }), undefined);
    assert.equal(parseSavedDraft({ draft: draft('x') }), undefined, 'a page state from before revisions is not a draft');
    const store = new DraftStore(memento({ [KEY]: { draft: 'nonsense', revision: 99 } }));
    assert.equal(store.draft('', { draft: draft('page'), revision: 0 }).draft.message, 'page');
  });
});
