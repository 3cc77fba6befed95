import assert from 'node:assert/strict';
import { renderHtml } from '../../../src/core/format';
import { shortcutMarker, toggleMarker } from '../../../src/webview/compose/wrap';

/** Applies the edit the way the textarea does; `[` and `]` mark the selection in and out. */
function apply(marked: string, marker: string): string {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  const value = marked.replace('[', '').replace(']', '');
  const edit = toggleMarker(value, start, end, marker);
  const next = value.slice(0, edit.from) + edit.text + value.slice(edit.to);
  return `${next.slice(0, edit.selectionStart)}[${next.slice(edit.selectionStart, edit.selectionEnd)}]${next.slice(edit.selectionEnd)}`;
}

describe('formatting buttons and shortcuts (toggleMarker)', () => {
  it('wraps the selection and keeps it selected', () => {
    assert.equal(apply('say [hello] now', '**'), 'say **[hello]** now');
    assert.equal(apply('say [hello] now', '_'), 'say _[hello]_ now');
    assert.equal(apply('say [hello] now', '~~'), 'say ~~[hello]~~ now');
    assert.equal(apply('say [hello] now', '__'), 'say __[hello]__ now');
  });

  it('with nothing selected, inserts a pair and puts the caret between', () => {
    assert.equal(apply('a []b', '**'), 'a **[]**b');
  });

  it('keeps spaces at the edges outside the markers, so the style applies', () => {
    assert.equal(apply('say[ hello ]now', '**'), 'say **[hello]** now');
    assert.equal(renderHtml('say **hello** now'), 'say <b>hello</b> now');
  });

  it('unwraps when the selection is already wrapped, inside or including the markers', () => {
    assert.equal(apply('say **[hello]** now', '**'), 'say [hello] now');
    assert.equal(apply('say [**hello**] now', '**'), 'say [hello] now');
    assert.equal(apply('say _[hello]_ now', '_'), 'say [hello] now');
  });

  it('does not take half of a longer run: italic inside underline adds italics', () => {
    assert.equal(apply('__[x]__', '_'), '___[x]___');
    assert.equal(renderHtml('___x___'), '<i><u>x</u></i>');
  });

  it('wraps a multi-line selection line by line, since no style crosses a line', () => {
    assert.equal(apply('[one\n  two \n\nthree]', '**'), '[**one**\n  **two** \n\n**three**]');
    assert.equal(renderHtml('**one**\n  **two** \n\n**three**'), '<b>one</b><br>  <b>two</b> <br><br><b>three</b>');
  });

  it('maps Ctrl/Cmd+B, I, U and Ctrl/Cmd+Shift+X; nothing else', () => {
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) =>
      shortcutMarker({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    assert.equal(key('b', { ctrlKey: true }), '**');
    assert.equal(key('B', { metaKey: true }), '**');
    assert.equal(key('i', { ctrlKey: true }), '_');
    assert.equal(key('u', { metaKey: true }), '__');
    assert.equal(key('X', { ctrlKey: true, shiftKey: true }), '~~');
    assert.equal(key('b', {}), undefined);
    assert.equal(key('b', { ctrlKey: true, altKey: true }), undefined);
    assert.equal(key('b', { ctrlKey: true, shiftKey: true }), undefined);
    assert.equal(key('x', { ctrlKey: true }), undefined);
  });
});
