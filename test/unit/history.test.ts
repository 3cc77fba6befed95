import assert from 'node:assert/strict';
import { entryFromSend, firstWords, MAX_HISTORY, outcomeText, readEntries, trackingLines, withEntry } from '../../src/core/history';

const TO = '+14155552671';

describe('send history', () => {
  it('records a send: recipient, API, id, outcome', () => {
    const entry = entryFromSend(
      { source: 'payload', ok: true, request: { to: TO, message: 'hi' }, endpoint: '/send/imessage', messageId: 'imsg_1' },
      1000,
    );
    assert.deepEqual(entry, {
      at: 1000,
      source: 'payload',
      to: TO,
      request: { to: TO, message: 'hi' },
      ok: true,
      api: 'current',
      messageId: 'imsg_1',
    });
    assert.equal(outcomeText(entry), 'sent');
    const legacy = entryFromSend({ source: 'payload', ok: true, request: { to: TO, message: 'hi' }, endpoint: '/send/text' });
    assert.equal(legacy.api, 'legacy');
    assert.equal(outcomeText(legacy), 'sent (legacy API)');
  });

  it('records failures redacted, and whether they may have been sent', () => {
    const entry = entryFromSend({
      source: 'x',
      ok: false,
      request: { to: TO },
      error: { message: 'HTTP 500 Authorization: Bearer contiguity_sk_abcdef123', mayHaveBeenSent: true },
    });
    assert.ok(!entry.error!.includes('contiguity_sk_abcdef123'));
    assert.equal(outcomeText(entry), 'failed, may have been sent');
    assert.equal(outcomeText({ ...entry, mayHaveBeenSent: false }), 'not sent');
    // An unchecked send may have no string recipient at all.
    assert.equal(entryFromSend({ source: 'x', ok: false, request: { to: 42 } }).to, '42');
  });

  it('keeps the newest 50 and drops what is not an entry', () => {
    let list: unknown = [{ junk: true }, 'x'];
    for (let i = 0; i < MAX_HISTORY + 5; i++) {
      list = withEntry(list, entryFromSend({ source: 's', ok: true, request: { to: TO, message: `m${i}` } }, i));
    }
    const entries = readEntries(list);
    assert.equal(entries.length, MAX_HISTORY);
    assert.equal(entries[0]!.at, MAX_HISTORY + 4);
    assert.equal(entries.at(-1)!.at, 5);
    assert.deepEqual(readEntries(undefined), []);
  });

  it('shows the first words of a message', () => {
    assert.equal(firstWords({ message: 'Build   **passed**\non main' }), 'Build **passed** on main');
    assert.equal(firstWords({ message: 'one two three four five six seven eight nine ten eleven twelve' }, 20), 'one two three four…');
    assert.equal(firstWords({ attachments: ['https://a/b.png'] }), '(1 attachment)');
    assert.equal(firstWords({}), '(no message)');
  });

  it('writes the tracking timeline line by line', () => {
    const lines = trackingLines({
      id: 'imsg_1',
      to: TO,
      from: '+15550000001',
      status: 'delivered',
      tracking: [
        { event: 'queued', title: 'Message queued', timestamp: '2026-01-01T00:00:00.000Z' },
        { event: 'delivered', title: 'Delivered', timestamp: '2026-01-01T00:00:00.010Z' },
      ],
    });
    assert.deepEqual(lines, [
      `Delivery status of imsg_1: delivered (to ${TO}, from +15550000001)`,
      '  2026-01-01T00:00:00.000Z  queued — Message queued',
      '  2026-01-01T00:00:00.010Z  delivered — Delivered',
    ]);
  });
});
