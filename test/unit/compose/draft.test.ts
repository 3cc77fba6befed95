import assert from 'node:assert/strict';
import { draftToInput, validateDraft } from '../../../src/extension/features/compose/draft';
import { type Draft, EMPTY_DRAFT } from '../../../src/shared/compose';

const settings = { defaultCountry: 'US', defaultRecipient: '', from: '', contacts: { Me: '+14155552671' }, apiVersion: 'current' as const };
const draft = (fields: Partial<Draft>): Draft => ({ ...EMPTY_DRAFT, to: '+14155552671', message: 'hi', ...fields });

describe('compose draft → request and validation', () => {
  it('builds the request: empty From is an explicit "let Contiguity choose" (null)', () => {
    assert.deepEqual(draftToInput(draft({})), { to: '+14155552671', from: null, message: 'hi' });
    assert.deepEqual(
      draftToInput(
        draft({
          from: ' +15550000001 ',
          attachments: [' https://x.com/a.png'],
          fallbackWhen: ['imessage_unsupported'],
          fallbackFrom: '+15550000002',
          fastTrack: true,
        }),
      ),
      {
        to: '+14155552671',
        from: '+15550000001',
        message: 'hi',
        attachments: ['https://x.com/a.png'],
        fallback: { when: ['imessage_unsupported'], from: '+15550000002' },
        fast_track: true,
      },
    );
    assert.equal(draftToInput(draft({ to: '  ' })).to, undefined, 'empty To falls to the default recipient');
  });

  it('a valid draft has no problems and shows what the recipient becomes', async () => {
    const v = await validateDraft(draft({ to: 'me' }), settings);
    assert.deepEqual(v.problems, {});
    assert.equal(v.hints.to, 'Me: +14155552671');
    assert.equal((await validateDraft(draft({ to: '(415) 555-2671' }), settings)).hints.to, '+14155552671');
  });

  it('names every field at fault at once', async () => {
    const v = await validateDraft(draft({ to: '', from: 'x', message: ' ', fallbackFrom: '+1555', attachments: [] }), settings);
    assert.match(v.problems.to!, /is required/);
    assert.match(v.problems.from!, /not a phone number/);
    assert.match(v.problems.message!, /required unless there are attachments/);
    assert.match(v.problems['fallback.from']!, /only used with a fallback rule/);
  });

  it('checks each attachment and the count', async () => {
    const urls = ['ftp://x.com/a.png', 'https://x.com/page', ...Array.from({ length: 9 }, (_, i) => `https://x.com/${i}.png`)];
    const v = await validateDraft(draft({ attachments: urls }), settings);
    assert.match(v.problems['attachments[0]']!, /https/);
    assert.match(v.problems['attachments[1]']!, /file extension/);
    assert.equal(v.problems['attachments[2]'], undefined);
    assert.match(v.problems.attachments!, /at most 10 attachments \(there are 11\)/);
  });

  it('an empty To is fine when a default recipient is set', async () => {
    const v = await validateDraft(draft({ to: '' }), { ...settings, defaultRecipient: '+14155552671' });
    assert.deepEqual(v.problems, {});
    assert.match(v.hints.to!, /default recipient/);
  });

  it('warns about iCloud email recipients', async () => {
    const v = await validateDraft(draft({ to: 'Someone@iCloud.com' }), settings);
    assert.deepEqual(v.problems, {});
    assert.equal(v.hints.to, 'someone@icloud.com');
    assert.match(v.warnings[0]!, /unpredictable/);
  });

  it('in legacy mode, refuses what the legacy API cannot do, naming the field', async () => {
    const legacy = { ...settings, apiVersion: 'legacy' as const };
    assert.match((await validateDraft(draft({ attachments: ['https://x.com/a.png'] }), legacy)).problems.attachments!, /legacy/);
    assert.match((await validateDraft(draft({ fastTrack: true }), legacy)).problems.fast_track!, /legacy/);
    assert.match((await validateDraft(draft({ fallbackWhen: ['imessage_unsupported'] }), legacy)).problems['fallback.when']!, /legacy/);
    assert.deepEqual((await validateDraft(draft({ fallbackWhen: ['imessage_fails'] }), legacy)).problems, {});
  });
});
