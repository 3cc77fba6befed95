// The sandbox as a thread double: history in both directions, tapbacks by text, read receipts,
// typing, status progression, number modes; and the inbox's control routes, events and page.
import assert from 'node:assert/strict';
import http from 'node:http';
import { startSandbox, type Sandbox } from '../../sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const TO = '+14155552671';
const OURS = '+15550000001';
const SMS_ONLY = '+15550000002';

async function call(sb: Sandbox, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(sb.url + path, {
    method,
    headers: {
      ...(path.startsWith('/__sandbox/') ? {} : { Authorization: `Bearer ${sb.token}` }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as Json };
}

function ok(res: { status: number; text: string; json: Json }): Json {
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.object, 'response');
  return res.json.data;
}

function fails(res: { status: number; text: string; json: Json }, status: number, field: RegExp): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json.object, 'error');
  assert.equal(res.json.data.status, status);
  assert.match(res.json.data.error, field);
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const history = (sb: Sandbox, to = TO, from = OURS, rest = '/20') =>
  call(sb, 'GET', `/conversations/history/imessage/${encodeURIComponent(to)}/${encodeURIComponent(from)}${rest}`);

describe('sandbox threads', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ pacing: false, delivery: 'instant' });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  const send = (message: string, extra: object = {}) => call(sb, 'POST', '/send/imessage', { to: TO, from: OURS, message, ...extra });

  describe('history', () => {
    it('has both directions oldest first, the delivery/read/risk fields, reactions and chat totals', async () => {
      ok(await send('one'));
      sb.receive({ from: TO, to: OURS, message: 'two', attachments: ['https://example.com/a.jpg'] });
      ok(await send('three'));
      sb.markRead({ from: TO, to: OURS });
      sb.react({ from: TO, to: OURS, action: 'add', tapback: 'laugh', message: 'one' });
      const data = ok(await history(sb, TO, OURS, '/2?tracking=true'));
      assert.deepEqual(data.chat, { filtered: false, chat_marked_as_spam: false, limit: 2, total: 3, count: 2 });
      const [two, three] = data.conversation;
      assert.deepEqual([two.from, two.to, two.message, two.read, two.attachments], [TO, OURS, 'two', null, ['https://example.com/a.jpg']]);
      assert.deepEqual(two.delivery, { status: 'delivered', delayed: false, timestamp: two.timestamp });
      assert.deepEqual(two.risk, { auto_reported_as_spam: false, marked_as_spam: false });
      assert.deepEqual([three.from, three.to, three.delivery.status], [OURS, TO, 'delivered']);
      assert.equal(typeof three.read, 'number', 'the person read it');
      assert.deepEqual(
        three.tracking.map((t: Json) => t.event),
        ['queued', 'sent', 'delivered', 'read'],
      );
      assert.deepEqual(
        data.reactions.map((r: Json) => [r.reaction, r.on, r.action, r.from]),
        [['laugh', 'one', 'added', TO]],
      );
      assert.ok(!('tracking' in ok(await history(sb)).conversation[0]));
    });

    it('defaults to 20 without a limit segment and says when a message failed', async () => {
      sb.setMode(TO, 'failing');
      ok(await send('lost'));
      const data = ok(await history(sb, TO, OURS, ''));
      assert.equal(data.chat.limit, 20);
      assert.equal(data.conversation[0].delivery.status, 'failed');
    });

    for (const [name, rest, field] of [
      ['limit above 200', '/201', /`limit` must be an integer from 1 to 200, got "201"/],
      ['limit 0', '/0', /`limit`/],
      ['limit not a number', '/ten', /`limit`/],
      ['limit negative', '/-1', /`limit`/],
      ['unknown query', '/20?trackng=true', /`trackng`/],
      ['bad tracking', '/20?tracking=1', /`tracking`/],
    ] as const) {
      it(`400 naming the field: ${name}`, async () => fails(await history(sb, TO, OURS, rest), 400, field));
    }

    it('400 for invalid numbers and a `from` that is not ours', async () => {
      fails(await history(sb, '4155552671'), 400, /`to` must be an E\.164/);
      fails(await history(sb, TO, 'me'), 400, /`from` must be an E\.164/);
      fails(await history(sb, TO, '+14155550000'), 400, /`from` \+14155550000 is not one of your leased numbers/);
    });
  });

  describe('reactions and read receipts', () => {
    it('react to the latest message with that text; remove needs the tapback that stands', async () => {
      ok(await send('same'));
      ok(await send('same'));
      const body = { to: TO, from: OURS, action: 'add', tapback: 'love', message: 'same' };
      assert.equal(ok(await call(sb, 'POST', '/send/imessage/reactions', body)).status, 'added');
      assert.deepEqual(
        sb.reactions.map((r) => r.messageId),
        [sb.sent[1].id],
      );
      fails(await call(sb, 'POST', '/send/imessage/reactions', { ...body, action: 'remove', tapback: 'like' }), 400, /`tapback` like/);
      assert.equal(ok(await call(sb, 'POST', '/send/imessage/reactions', { ...body, action: 'remove' })).status, 'removed');
    });

    for (const [name, patch, field] of [
      ['unknown field', { emoji: '❤️' }, /Unknown field `emoji`/],
      ['missing tapback', { tapback: undefined }, /`tapback` is required/],
      ['bad tapback', { tapback: 'heart' }, /`tapback` must be one of love, like/],
      ['bad action', { action: 'toggle' }, /`action` must be one of add, remove/],
      ['missing from', { from: undefined }, /`from` is required/],
      ['invalid to', { to: '555' }, /`to` must be an E\.164/],
      ['text not in the chat', { message: 'nope' }, /`message` matches no message/],
      ['from not ours', { from: '+14155550000' }, /`from` \+14155550000 is not one of your leased numbers/],
    ] as const) {
      it(`reactions 400: ${name}`, async () => {
        ok(await send('hi'));
        const res = await call(sb, 'POST', '/send/imessage/reactions', {
          to: TO,
          from: OURS,
          action: 'add',
          tapback: 'like',
          message: 'hi',
          ...patch,
        });
        fails(res, 400, field);
      });
    }

    it('a read receipt marks what the person wrote as read; both fields are required', async () => {
      sb.receive({ from: TO, to: OURS, message: 'ping' });
      assert.equal(sb.inbound[0].read, null);
      assert.equal(ok(await call(sb, 'POST', '/send/imessage/read', { to: TO, from: OURS })).status, 'sent');
      assert.equal(typeof sb.inbound[0].read, 'number');
      fails(await call(sb, 'POST', '/send/imessage/read', { to: TO }), 400, /`from` is required/);
      fails(await call(sb, 'POST', '/send/imessage/read', { to: TO, from: OURS, at: 1 }), 400, /Unknown field `at`/);
      fails(await call(sb, 'POST', '/send/imessage/read', { to: TO, from: SMS_ONLY }), 400, /`from` \+15550000002 cannot send iMessage/);
    });

    it('typing shows in the thread until stop or the next message', async () => {
      const typing = (action: string) => call(sb, 'POST', '/send/imessage/typing', { to: TO, from: OURS, action });
      ok(await typing('start'));
      const isTyping = async () => ok(await call(sb, 'GET', '/__sandbox/state')).threads;
      ok(await send('first'));
      assert.equal((await isTyping())[0].typing, false, 'a message ends the indicator');
      ok(await typing('start'));
      assert.equal((await isTyping())[0].typing, true);
      ok(await typing('stop'));
      assert.equal((await isTyping())[0].typing, false);
    });
  });

  describe('number modes', () => {
    it('no iMessage: availability false, SMS fallback or failure; failing: only imessage_fails falls back', async () => {
      const available = async () => ok(await call(sb, 'GET', `/conversations/availability/imessage/${encodeURIComponent(TO)}`)).available;
      assert.equal(await available(), true);
      sb.setMode(TO, 'no-imessage');
      assert.equal(await available(), false);
      ok(await send('a', { fallback: { when: ['imessage_unsupported'] } }));
      sb.setMode(TO, 'failing');
      assert.equal(await available(), true);
      ok(await send('b', { fallback: { when: ['imessage_unsupported'] } }));
      ok(await send('c', { fallback: { when: ['imessage_fails'] } }));
      sb.setMode(TO, 'imessage');
      ok(await send('d'));
      assert.deepEqual(
        sb.sent.map((m) => [m.message, m.channel, m.status]),
        [
          ['a', 'sms', 'delivered'],
          ['b', 'imessage', 'failed'],
          ['c', 'sms', 'delivered'],
          ['d', 'imessage', 'delivered'],
        ],
      );
    });
  });

  describe('status progression', () => {
    it('moves queued → sent → delivered → read on the configured timers', async () => {
      const timed = await startSandbox({ pacing: false, delivery: { sentMs: 30, deliveredMs: 60, readMs: 90 } });
      try {
        const id = ok(await call(timed, 'POST', '/send/imessage', { to: TO, message: 'tick' })).message_id;
        const seen = new Set<string>();
        await waitFor(async () => {
          seen.add(ok(await call(timed, 'GET', `/conversations/history/message/${id}`)).status);
          return seen.has('read');
        });
        assert.equal(timed.sent[0].status, 'read');
        assert.deepEqual(
          timed.sent[0].events.map((e) => e.event),
          ['queued', 'sent', 'delivered', 'read'],
        );
        const at = timed.sent[0].events.map((e) => e.at - timed.sent[0].timestamp);
        // A few ms of slack: timers run on a monotonic clock, the timestamps are wall-clock ms.
        assert.ok(at[1] >= 25 && at[2] >= 55 && at[3] >= 85, `steps at ${at}`);
      } finally {
        await timed.close();
      }
    });

    it("'instant' delivers at once and reads only when the person does", async () => {
      ok(await send('x'));
      assert.equal(sb.sent[0].status, 'delivered');
      assert.equal(sb.markRead({ from: TO, to: OURS }), 1);
      assert.equal(sb.sent[0].status, 'read');
      assert.equal(sb.markRead({ from: TO, to: OURS }), 0);
    });

    it('rejects timing that goes backwards', async () => {
      await assert.rejects(startSandbox({ delivery: { sentMs: 50, deliveredMs: 10 } }), /sentMs <= deliveredMs/);
    });
  });

  describe('control routes', () => {
    it('inbound, reactions (by text or id), read, mode and reset drive the thread', async () => {
      ok(await send('Deploy done'));
      const inbound = ok(await call(sb, 'POST', '/__sandbox/inbound', { from: TO, to: OURS, message: 'nice' }));
      assert.equal(sb.inbound[0].id, inbound.message_id);
      ok(await call(sb, 'POST', '/__sandbox/reactions', { from: TO, to: OURS, action: 'add', tapback: 'like', message: 'Deploy done' }));
      ok(await call(sb, 'POST', '/__sandbox/reactions', { from: TO, to: OURS, action: 'add', tapback: 'love', message_id: sb.sent[0].id }));
      assert.deepEqual(ok(await call(sb, 'POST', '/__sandbox/read', { from: TO, to: OURS })), { read: 1 });
      ok(await call(sb, 'POST', '/__sandbox/mode', { number: TO, mode: 'no-imessage' }));
      const state = ok(await call(sb, 'GET', '/__sandbox/state'));
      assert.equal(state.threads[0].mode, 'no-imessage');
      assert.deepEqual(
        state.threads[0].messages.map((m: Json) => [m.direction, m.text, m.status, m.tapbacks]),
        [
          ['out', 'Deploy done', 'read', [{ tapback: 'love', by: 'them' }]],
          ['in', 'nice', 'delivered', []],
        ],
      );
      assert.equal(sb.requests.length, 1, 'control routes are not recorded as API requests');
      ok(await call(sb, 'POST', '/__sandbox/reset', {}));
      assert.deepEqual([sb.sent.length, sb.inbound.length, sb.reactions.length, sb.requests.length], [0, 0, 0, 0]);
      assert.equal(ok(await call(sb, 'GET', '/__sandbox/state')).threads.length, 0);
    });

    for (const [name, route, body, field] of [
      ['unknown field', 'inbound', { from: TO, to: OURS, message: 'x', body: 'y' }, /Unknown field `body`/],
      ['invalid from', 'inbound', { from: 'bob', to: OURS, message: 'x' }, /`from` must be an E\.164/],
      [
        'to not ours',
        'inbound',
        { from: TO, to: '+14155550000', message: 'x' },
        /`to` \+14155550000 is not one of the sandbox's leased numbers/,
      ],
      ['empty message', 'inbound', { from: TO, to: OURS, message: ' ' }, /`message` is required unless `attachments`/],
      ['http attachment', 'inbound', { from: TO, to: OURS, attachments: ['http://x.com/a.png'] }, /`attachments\[0\]` must be an https/],
      [
        'both message and id',
        'reactions',
        { from: TO, to: OURS, action: 'add', tapback: 'like', message: 'a', message_id: 'b' },
        /exactly one of `message`/,
      ],
      ['unknown id', 'reactions', { from: TO, to: OURS, action: 'add', tapback: 'like', message_id: 'imsg_x' }, /`message_id` "imsg_x"/],
      ['bad mode', 'mode', { number: TO, mode: 'off' }, /`mode` must be one of imessage, no-imessage, failing/],
      ['read without to', 'read', { from: TO }, /`to` is required/],
    ] as const) {
      it(`400 naming the field: ${name}`, async () => fails(await call(sb, 'POST', `/__sandbox/${route}`, body), 400, field));
    }

    it('malformed bodies and unknown routes get the error envelope', async () => {
      const raw = await fetch(`${sb.url}/__sandbox/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"from":',
      });
      fails({ status: raw.status, text: '', json: await raw.json() }, 400, /not valid JSON/);
      fails(await call(sb, 'POST', '/__sandbox/inbound', undefined, { 'Content-Type': 'text/plain' }), 400, /Content-Type/);
      fails(await call(sb, 'POST', '/__sandbox/nothing', {}), 404, /No control route/);
      fails(await call(sb, 'DELETE', '/__sandbox/state'), 405, /not allowed/);
    });

    it('refuses foreign Host names (DNS rebinding) and cross-origin posts', async () => {
      const viaHost = await new Promise<number>((resolve, reject) => {
        http
          .get(`${sb.url}/__sandbox/state`, { headers: { Host: 'evil.example:80' } }, (res) => (res.resume(), resolve(res.statusCode!)))
          .on('error', reject);
      });
      assert.equal(viaHost, 403);
      fails(
        await call(sb, 'POST', '/__sandbox/inbound', { from: TO, to: OURS, message: 'x' }, { Origin: 'https://evil.example' }),
        403,
        /Cross-origin/,
      );
      fails(
        await call(sb, 'POST', '/__sandbox/inbound', { from: TO, to: OURS, message: 'x' }, { 'Sec-Fetch-Site': 'cross-site' }),
        403,
        /Cross-site/,
      );
      assert.equal(sb.inbound.length, 0);
    });

    it('GET /__sandbox/requests lists API requests without the token', async () => {
      ok(await call(sb, 'POST', '/send/imessage', { to: TO, message: `token ${sb.token}` }));
      const { requests } = ok(await call(sb, 'GET', '/__sandbox/requests'));
      assert.equal(requests.length, 1);
      assert.equal(requests[0].headers.authorization, 'Bearer <redacted>');
      assert.equal(requests[0].body.message, 'token <redacted>');
      assert.ok(!JSON.stringify(requests).includes(sb.token));
    });
  });

  describe('inbox page', () => {
    it('is served with a strict CSP, its script bundles the formatting engine', async function () {
      this.timeout(30_000);
      const page = await fetch(sb.inboxUrl);
      assert.equal(page.status, 200);
      const csp = page.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe/);
      assert.match(await page.text(), /<script src="\/__sandbox\/inbox\.js"><\/script>/);
      const script = await fetch(`${sb.url}/__sandbox/inbox.js`);
      assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.match(await script.text(), /EventSource/);
      assert.equal((await fetch(`${sb.url}/favicon.ico`)).status, 204);
      assert.equal(sb.requests.length, 0);
    });

    it('pushes a snapshot on connect and after every change (server-sent events)', async () => {
      const controller = new AbortController();
      const res = await fetch(`${sb.url}/__sandbox/events`, { signal: controller.signal });
      assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      const next = async (): Promise<Json> => {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(frame);
            if (data && /^event: inbox$/m.test(frame)) return JSON.parse(data[1]);
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += value;
        }
      };
      try {
        assert.deepEqual((await next()).threads, []);
        ok(await send('line one\nline two <b>'));
        const pushed = await next();
        assert.equal(pushed.threads[0].messages[0].text, 'line one\nline two <b>');
      } finally {
        controller.abort();
      }
    });
  });
});
