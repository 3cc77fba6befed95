// When the pager texts: the task notifications' rules for "finished" and "waiting", and the
// stricter gate and wait budget of approvals. The clock is a number the test gives.
import assert from 'node:assert/strict';
import { approvalGate, approvalWaitMs, DEADLINE_MARGIN_MS, isAway, shouldText, type PagerRules } from '../../../src/core/agent-hooks/rules';
import { parseQuietHours, type QuietRange } from '../../../src/core/notify/quiet-hours';
import { readSettings } from '../../../src/core/settings';

const NOON = new Date(2026, 11, 2, 12, 0).getTime();
const night = (): QuietRange[] => {
  const parsed = parseQuietHours('22:00-07:00');
  assert.ok(parsed.ok);
  return parsed.ranges;
};
const rules = (over: Partial<PagerRules> = {}): PagerRules => ({
  minDurationSeconds: 30,
  onlyWhenUnfocused: true,
  quietHours: night(),
  approvals: 'whenAway',
  awaySeconds: 60,
  approvalTimeoutSeconds: 120,
  ...over,
});

describe('agent hooks: pager rules', () => {
  it('texts a finished turn that worked long enough, with the window unfocused, outside quiet hours', () => {
    assert.deepEqual(shouldText(rules(), { workedMs: 31_000, focused: false, at: NOON }), { text: true });
    assert.deepEqual(shouldText(rules(), { workedMs: 29_999, focused: false, at: NOON }), {
      text: false,
      reason: 'it worked for less than 30 s',
    });
    assert.deepEqual(shouldText(rules(), { workedMs: 60_000, focused: true, at: NOON }), { text: false, reason: 'the window is focused' });
    assert.deepEqual(shouldText(rules({ onlyWhenUnfocused: false }), { workedMs: 60_000, focused: true, at: NOON }), { text: true });
    const late = new Date(2026, 11, 2, 23, 30).getTime();
    assert.deepEqual(shouldText(rules(), { workedMs: 60_000, focused: false, at: late }), {
      text: false,
      reason: 'it is quiet hours',
      quiet: true,
    });
  });

  it('an unknown duration (no start seen, or a waiting agent) is not held back by the minimum', () => {
    assert.deepEqual(shouldText(rules({ minDurationSeconds: 3600 }), { focused: false, at: NOON }), { text: true });
  });

  it('is away only when seen unfocused for long enough', () => {
    assert.equal(isAway({ focused: false, unfocusedSince: NOON - 60_000 }, 60, NOON), true);
    assert.equal(isAway({ focused: false, unfocusedSince: NOON - 59_999 }, 60, NOON), false);
    assert.equal(isAway({ focused: false }, 0, NOON), false, 'unfocused since an unknown time');
    assert.equal(isAway({ focused: true, unfocusedSince: NOON - 3_600_000 }, 60, NOON), false);
  });

  it('approvals: off and "not away" stay out of it; quiet hours leave it to the agent; else a text', () => {
    const away = { focused: false, unfocusedSince: NOON - 120_000 };
    assert.equal(approvalGate(rules({ approvals: 'off' }), away, NOON).kind, 'none');
    assert.equal(approvalGate(rules(), { focused: true }, NOON).kind, 'none');
    assert.equal(approvalGate(rules(), { focused: false, unfocusedSince: NOON - 10_000 }, NOON).kind, 'none');
    assert.deepEqual(approvalGate(rules(), away, NOON), { kind: 'text' });
    assert.deepEqual(approvalGate(rules({ approvals: 'always' }), { focused: true }, NOON), { kind: 'text' });
    const late = new Date(2026, 11, 3, 2, 0).getTime();
    assert.deepEqual(approvalGate(rules({ approvals: 'always' }), { focused: true }, late), { kind: 'ask', reason: 'it is quiet hours' });
  });

  it('waits the setting, never past the hook deadline less the margin, and not at all when too little is left', () => {
    assert.equal(approvalWaitMs(120, NOON + 600_000, NOON), 120_000);
    assert.equal(approvalWaitMs(120, NOON + 30_000, NOON), 30_000 - DEADLINE_MARGIN_MS);
    assert.equal(approvalWaitMs(120, NOON + 6_999, NOON), 0);
    assert.equal(approvalWaitMs(120, NOON - 1, NOON), 0, 'a deadline already past');
  });

  it('settings: approvals off by default; a bad value names its setting', () => {
    const defaults = readSettings({});
    assert.ok(defaults.ok);
    assert.equal(defaults.settings.agentHooksApprovals, 'off');
    assert.equal(defaults.settings.agentHooksAwaySeconds, 60);
    assert.equal(defaults.settings.agentHooksApprovalTimeoutSeconds, 120);
    const bad = readSettings({ agentHooksApprovals: 'yes' });
    assert.ok(!bad.ok && bad.message === 'imessage.agentHooks.approvals must be "off", "whenAway" or "always"', JSON.stringify(bad));
    const short = readSettings({ agentHooksApprovalTimeoutSeconds: 1 });
    assert.ok(!short.ok && short.setting === 'imessage.agentHooks.approvalTimeoutSeconds');
  });
});
