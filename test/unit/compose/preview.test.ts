import assert from 'node:assert/strict';
import { attachmentName, countsText, markerPositions, markersSummary, previewModel } from '../../../src/webview/compose/preview';

describe('compose preview model', () => {
  it('renders each documented style and escapes everything typed', () => {
    const model = previewModel('**bold** _italic_ ~~strike~~ __underline__ <img src=x>');
    assert.equal(model.html, '<b>bold</b> <i>italic</i> <s>strike</s> <u>underline</u> &lt;img src=x&gt;');
    assert.equal(model.markers.length, 8);
  });

  it('counts characters and SMS segments of the text as sent', () => {
    assert.equal(countsText(previewModel('**hi**')), '6 characters · SMS fallback: 1 segment (GSM-7, 6 septets, 160 per segment)');
    assert.equal(
      countsText(previewModel('👍🏽'.repeat(40))),
      '40 characters · SMS fallback: 3 segments (UCS-2, 160 UTF-16 units, 67 per segment)',
    );
    assert.equal(countsText(previewModel('')), '0 characters · SMS fallback: nothing to send');
  });

  it('summarises the consumed markers and locates them', () => {
    const text = 'x = a*b + c*d\n**kwargs** ok';
    const model = previewModel(text);
    assert.equal(markersSummary(model.markers), '4 markers will not appear; Messages turns them into formatting: * italic ×2, ** bold ×2.');
    assert.deepEqual(markerPositions(text, model.markers), [
      'line 1, column 6: * (italic)',
      'line 1, column 12: * (italic)',
      'line 2, column 1: ** (bold)',
      'line 2, column 9: ** (bold)',
    ]);
    assert.equal(markersSummary([]), '');
  });

  it('names attachments by their file, without fetching anything', () => {
    assert.equal(attachmentName('https://example.com/a/b/Photo%201.jpg?x=1'), 'Photo 1.jpg');
    assert.equal(attachmentName('not a url'), 'not a url');
  });
});
