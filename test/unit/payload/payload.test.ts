// Payload files: the JSON Schema generated from zod accepts every template and rejects broken
// payloads at the right JSON positions; the payload check places every problem on its value.
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { checkPayload, lineColumn, pathOf } from '../../../src/core/payload/check';
import { payloadJsonSchema } from '../../../src/core/payload/json-schema';
import { PAYLOAD_TEMPLATES, payloadText } from '../../../src/core/payload/templates';
import { validateSendRequest } from '../../../src/core/client/request';

const CONTEXTS = [{ to: '+14155552671' }, { to: '+14155552671', from: '+15550000001' }];

/** The text a problem marks. */
const marked = (text: string, p: { offset: number; length: number }) => text.slice(p.offset, p.offset + p.length);

describe('payload JSON Schema (generated from zod)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(payloadJsonSchema());

  it('is draft-07, closed, and documents every field for hovers', () => {
    const schema = payloadJsonSchema() as {
      $schema: string;
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, { markdownDescription?: string }>;
    };
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['to']);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['attachments', 'fallback', 'fast_track', 'from', 'message', 'to']);
    for (const [name, prop] of Object.entries(schema.properties)) assert.ok(prop.markdownDescription, `${name} has a description`);
  });

  it('accepts every template, and every template is a valid request', () => {
    for (const template of PAYLOAD_TEMPLATES) {
      for (const ctx of CONTEXTS) {
        const payload = template.build(ctx);
        assert.ok(validate(payload), `${template.id}: ${ajv.errorsText(validate.errors)}`);
        validateSendRequest(payload);
        assert.deepEqual(checkPayload(payloadText(payload), 'current'), { ok: true, value: payload }, template.id);
      }
    }
  });

  it('only the legacy template fits the legacy API among those with extras', () => {
    const legacyOk = PAYLOAD_TEMPLATES.filter((t) => checkPayload(payloadText(t.build(CONTEXTS[0]!)), 'legacy').ok).map((t) => t.id);
    assert.deepEqual(legacyOk, ['text', 'formatted', 'legacy']);
  });

  it('rejects broken payloads, and each error points at the broken value', () => {
    const cases: [unknown, string][] = [
      [{ to: '+14155552671', message: 'x', colour: 'red' }, ''], // additional property: reported on the object
      [{ to: '+14155552671', message: 7 }, '/message'],
      [{ to: '+14155552671', message: 'x', from: '5550000001' }, '/from'],
      [{ to: '+14155552671', message: 'x', fast_track: 'yes' }, '/fast_track'],
      [{ to: '+14155552671', message: 'x', fallback: { when: [] } }, '/fallback/when'],
      [{ to: '+14155552671', message: 'x', fallback: { when: ['always'] } }, '/fallback/when/0'],
      [{ to: '+14155552671', attachments: Array.from({ length: 11 }, (_, i) => `https://e.com/${i}.png`) }, '/attachments'],
      [{ message: 'no recipient' }, ''],
    ];
    for (const [payload, pointer] of cases) {
      assert.ok(!validate(payload), JSON.stringify(payload));
      const paths = validate.errors!.map((e) => e.instancePath);
      assert.ok(paths.includes(pointer), `${JSON.stringify(payload)}: ${paths.join(', ')}`);
      // And that JSON pointer is a real place in the file, which editors can mark.
      const text = payloadText(payload);
      const node = findNodeAtLocation(
        parseTree(text)!,
        pointer
          .split('/')
          .slice(1)
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      );
      assert.ok(node, `${pointer} exists in the text`);
    }
  });
});

describe('checkPayload', () => {
  it('gives JSON syntax errors with line and column', () => {
    const text = '{\n  "to": "+14155552671",\n  "message": "hi",\n}\n';
    const check = checkPayload(text, 'current');
    assert.ok(!check.ok && check.syntax);
    assert.match(check.problems[0]!.message, /^Not valid JSON: .* at line 4, column 1$/);
    assert.deepEqual(lineColumn(text, check.problems[0]!.offset), { line: 4, column: 1 });
    const empty = checkPayload('   ', 'current');
    assert.ok(!empty.ok && empty.syntax && /empty|value expected/i.test(empty.problems[0]!.message));
  });

  it('marks each contract problem on its value, all at once', () => {
    const text = payloadText({ to: 'bob', message: 'x', attachments: ['https://e.com/a.png', 'http://e.com/b.png'], colour: 'red' });
    const check = checkPayload(text, 'current');
    assert.ok(!check.ok && !check.syntax);
    const byField = Object.fromEntries(check.problems.map((p) => [p.field, { message: p.message, text: marked(text, p) }]));
    assert.equal(byField.to!.text, '"bob"');
    assert.match(byField.to!.message, /^to must be an E\.164 number/);
    assert.equal(byField['attachments[1]']!.text, '"http://e.com/b.png"');
    assert.match(byField['attachments[1]']!.message, /https/);
    assert.equal(byField.colour!.text, '"colour"', 'an unknown field is marked on its key');
    assert.match(byField.colour!.message, /colour is not a field of the send request/);
  });

  it('marks a missing field on the object that lacks it', () => {
    const text = payloadText({ to: '+14155552671', fallback: { from: '+15550000002' } });
    const check = checkPayload(text, 'current');
    assert.ok(!check.ok);
    const when = check.problems.find((p) => p.field === 'fallback.when')!;
    assert.equal(when.message, 'fallback.when is required');
    assert.equal(marked(text, when), '{', 'the opening brace of fallback');
    assert.equal(text.indexOf('{', 1), when.offset);
    // The object-level rule runs once the fields themselves are right.
    const noMessage = checkPayload(payloadText({ to: '+14155552671' }), 'current');
    assert.ok(!noMessage.ok);
    const message = noMessage.problems.find((p) => p.field === 'message')!;
    assert.match(message.message, /message is required unless there are attachments/);
    assert.equal(message.offset, 0);
  });

  it('in legacy mode, marks what the legacy API cannot carry before any request', () => {
    const text = payloadText({ to: '+14155552671', message: 'x', attachments: ['https://e.com/a.png'] });
    assert.ok(checkPayload(text, 'current').ok);
    const check = checkPayload(text, 'legacy');
    assert.ok(!check.ok);
    assert.equal(check.problems[0]!.field, 'attachments');
    assert.equal(marked(text, check.problems[0]!), '[\n    "https://e.com/a.png"\n  ]');
    const fallback = payloadText({ to: '+14155552671', message: 'x', fallback: { when: ['imessage_unsupported'] } });
    const f = checkPayload(fallback, 'legacy');
    assert.ok(!f.ok && f.problems[0]!.field === 'fallback.when' && marked(fallback, f.problems[0]!).startsWith('['));
  });

  it('refuses a document that is not an object', () => {
    const check = checkPayload('[1, 2]', 'current');
    assert.ok(!check.ok && /must be a JSON object/.test(check.problems[0]!.message));
  });

  it('reads field names back into JSON paths', () => {
    assert.deepEqual(pathOf('fallback.when'), ['fallback', 'when']);
    assert.deepEqual(pathOf('attachments[2]'), ['attachments', 2]);
    assert.deepEqual(pathOf('fallback.when[0]'), ['fallback', 'when', 0]);
  });
});
