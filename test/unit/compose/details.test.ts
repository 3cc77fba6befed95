import assert from 'node:assert/strict';
import { detailsSummary } from '../../../src/webview/compose/details';

const none = { from: '', attachments: [], fallbackWhen: [], fallbackFrom: '', fastTrack: false };

describe('the details section summary', () => {
  it('says nothing when nothing in it is set', () => {
    assert.equal(detailsSummary(none), '');
    assert.equal(detailsSummary({ ...none, from: '   ' }), '', 'blank is not set');
  });

  it('names each thing that is set, in the order of the section', () => {
    assert.equal(
      detailsSummary({
        from: '+15550000001',
        attachments: ['https://example.com/a.png', 'https://example.com/b.pdf'],
        fallbackWhen: ['imessage_fails'],
        fallbackFrom: '',
        fastTrack: true,
      }),
      'From +15550000001, 2 attachments, SMS fallback, fast track',
    );
    assert.equal(detailsSummary({ ...none, attachments: ['https://example.com/a.png'] }), '1 attachment');
  });

  it('shows the SMS number with or without a fallback rule', () => {
    assert.equal(
      detailsSummary({ ...none, fallbackWhen: ['imessage_unsupported'], fallbackFrom: '+15550000002' }),
      'SMS fallback from +15550000002',
    );
    assert.equal(detailsSummary({ ...none, fallbackFrom: '+15550000002' }), 'SMS from +15550000002');
  });
});
