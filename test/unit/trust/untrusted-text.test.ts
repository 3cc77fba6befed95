import * as assert from 'node:assert/strict';
import { marked } from 'marked';
import {
  cleanText,
  forLabel,
  forMarkdown,
  forModel,
  forNotification,
  iconLabel,
  MAX_SHOWN_CHARS,
  plain,
  says,
} from '../../../src/core/untrusted-text';
import { HOSTILE, KEPT, NEVER_SHOWN, NOTIFICATION_LINK, RENDERED_ICON } from '../../fixtures/hostile-text';

/** What VS Code's notification does before it looks for links: one line, at most 1 000 characters. */
const asNotification = (text: string) => text.slice(0, 1000).replace(/(\r\n|\n|\r)/gm, ' ');

describe('untrusted text', () => {
  it('the hostile table has at least 40 strings', () => assert.ok(HOSTILE.length >= 40, `${HOSTILE.length}`));

  for (const { name, text } of HOSTILE) {
    describe(name, () => {
      it('notification: no link forms, nothing invisible or reordering, bounded', () => {
        const shown = forNotification(text);
        assert.equal([...asNotification(shown).matchAll(NOTIFICATION_LINK)].length, 0, shown);
        assert.doesNotMatch(shown, NEVER_SHOWN);
        assert.doesNotMatch(shown, /\n/);
        assert.ok(shown.length <= MAX_SHOWN_CHARS, `${shown.length}`);
      });

      it('label: no icon renders', () => {
        const shown = forLabel(text);
        assert.doesNotMatch(shown, RENDERED_ICON);
        assert.doesNotMatch(shown, NEVER_SHOWN);
      });

      it('markdown: renders as text only (no link, image, HTML or emphasis)', () => {
        const html = marked.parse(forMarkdown(text), { async: false, gfm: true });
        const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase());
        assert.deepEqual(
          tags.filter((t) => t !== 'p' && t !== 'br'),
          [],
          html,
        );
        assert.doesNotMatch(html, NEVER_SHOWN);
      });

      it('model: one JSON string that reads back as the cleaned text', () => {
        const quoted = forModel(text);
        assert.equal(JSON.parse(quoted), cleanText(text, { multiline: true }));
        assert.doesNotMatch(JSON.parse(quoted) as string, NEVER_SHOWN);
        assert.doesNotMatch(JSON.parse(quoted) as string, /[\u{e0000}-\u{e007e}](?![\u{e0000}-\u{e007f}])/u);
      });
    });
  }

  it('shows the command link as the characters it is, not as its label', () => {
    assert.equal(forNotification('[Pic](command:x.y)'), '[Pic] (command:x.y)');
  });

  it('makes direction overrides visible: the RLO filename reads in its real order', () => {
    assert.equal(cleanText('invoice_\u202egnp.exe'), 'invoice_⟨RLO⟩gnp.exe');
    assert.equal(cleanText('\u2067a\u2069'), '⟨RLI⟩a⟨PDI⟩');
  });

  it('removes terminal escapes whole, and control characters', () => {
    assert.equal(cleanText('\u001b[31mred\u001b[0m text'), 'red text');
    assert.equal(cleanText('\u001b]8;;https://x\u0007click\u001b]8;;\u0007'), 'click');
    assert.equal(cleanText('a\u0000b\u0007'), 'ab');
  });

  it('keeps emoji sequences, flags and joiners that do their job', () => {
    for (const kept of KEPT) assert.equal(cleanText(kept), kept);
    assert.equal(cleanText('Ap\u200bp\u200dle'), 'Apple');
  });

  it('caps long text at a character boundary and says so', () => {
    assert.equal(cleanText('A'.repeat(100_000)).length, MAX_SHOWN_CHARS);
    assert.ok(cleanText('A'.repeat(100_000)).endsWith('…'));
    const emoji = cleanText('👨\u200d👩\u200d👧'.repeat(10), { max: 12 });
    assert.equal(emoji, '👨\u200d👩\u200d👧…');
  });

  it('keeps line breaks only where asked', () => {
    assert.equal(cleanText('a\r\nb\n\n\n\nc'), 'a b c');
    assert.equal(cleanText('a\r\nb\n\n\n\nc', { multiline: true }), 'a\nb\n\nc');
  });

  it('tags keep our words as written and the spaces around a value', () => {
    const prefix = 'iMessage notification not sent: ';
    assert.equal(says`${prefix}${'[x](command:y)'}`, 'iMessage notification not sent: [x] (command:y)');
    assert.equal(says`[ours](https://example.com) ${'\u202e'}`, '[ours](https://example.com) ⟨RLO⟩');
    assert.equal(iconLabel`$(check) ${'$(error) x'}`, '$(check) \\$(error) x');
    assert.equal(plain`a${''}b`, 'ab');
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Running late, be there at 6:30 (sorry!)', 'Café ☕ – 10% off?', '+1 (415) 555-2671', 'C:\\Users\\ana']) {
      assert.equal(cleanText(text), text);
      assert.equal(forNotification(text), text);
    }
  });
});
