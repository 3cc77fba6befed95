import * as assert from 'node:assert/strict';
import { formatDuration } from '../../../src/core/notify/duration';
import { cleanTerminalText, OutputTail, outputTail } from '../../../src/core/notify/output';
import { isQuiet, parseQuietHours, type QuietRange } from '../../../src/core/notify/quiet-hours';
import { decide, type Ending, type NotifyRules } from '../../../src/core/notify/rules';
import { DEFAULT_TEMPLATE, type Finished, placeholderValues, renderTemplate, unknownPlaceholder } from '../../../src/core/notify/template';
import { readSettings } from '../../../src/core/settings';

const at = (hh: number, mm: number) => new Date(2026, 10, 23, hh, mm);

describe('notify: duration', () => {
  const cases: [number, string][] = [
    [0, '<1s'],
    [999, '<1s'],
    [1000, '1s'],
    [59_999, '59s'],
    [60_000, '1m 0s'],
    [252_000, '4m 12s'],
    [3_600_000, '1h'],
    [3_780_000, '1h 3m'],
    [3_785_000, '1h 3m'],
    [90_000_000, '25h'],
  ];
  for (const [ms, text] of cases) it(`${ms} ms → ${text}`, () => assert.equal(formatDuration(ms), text));
  it('says so when the duration is unknown', () => {
    assert.equal(formatDuration(Number.NaN), 'an unknown time');
    assert.equal(formatDuration(-5), 'an unknown time');
  });
});

describe('notify: quiet hours', () => {
  const ranges = (text: string): QuietRange[] => {
    const r = parseQuietHours(text);
    assert.ok(r.ok, text);
    return r.ranges;
  };

  it('empty means never quiet', () => {
    assert.deepEqual(ranges(''), []);
    assert.equal(isQuiet(ranges('  '), at(3, 0)), false);
  });

  it('a range within a day: start inclusive, end exclusive', () => {
    const r = ranges('12:00-13:30');
    assert.equal(isQuiet(r, at(11, 59)), false);
    assert.equal(isQuiet(r, at(12, 0)), true);
    assert.equal(isQuiet(r, at(13, 29)), true);
    assert.equal(isQuiet(r, at(13, 30)), false);
  });

  it('a range crossing midnight', () => {
    const r = ranges('22:00-07:00');
    for (const [h, m, quiet] of [
      [21, 59, false],
      [22, 0, true],
      [23, 59, true],
      [0, 0, true],
      [6, 59, true],
      [7, 0, false],
      [12, 0, false],
    ] as const) {
      assert.equal(isQuiet(r, at(h, m)), quiet, `${h}:${m}`);
    }
  });

  it('several ranges, spaces, single-digit hours and 24:00', () => {
    const r = ranges(' 9:00 - 9:15 , 23:00-24:00');
    assert.deepEqual(r, [
      { start: 540, end: 555 },
      { start: 1380, end: 1440 },
    ]);
    assert.equal(isQuiet(r, at(9, 10)), true);
    assert.equal(isQuiet(r, at(23, 59)), true);
    assert.equal(isQuiet(r, at(0, 0)), false);
    assert.equal(isQuiet(ranges('00:00-24:00'), at(0, 0)), true);
    assert.equal(isQuiet(ranges('00:00-24:00'), at(23, 59)), true);
  });

  it('rejects what it cannot read, quoting the part', () => {
    for (const bad of ['22-07', '25:00-07:00', '22:00-07:60', '22:00-22:00', '10:00-12:00,', 'night']) {
      const r = parseQuietHours(bad);
      assert.equal(r.ok, false, bad);
    }
    const r = parseQuietHours('22:00-07:00, 8pm-9pm');
    assert.ok(!r.ok && r.message.includes('"8pm-9pm"'));
  });
});

describe('notify: output tail', () => {
  it('strips colours, titles and shell-integration marks', () => {
    const raw = '\x1b]633;C\x07\x1b[1;31merror\x1b[0m: boom\r\n\x1b]0;title\x1b\\done\r\n';
    assert.equal(cleanTerminalText(raw), 'error: boom\ndone\n');
  });

  it('keeps what a carriage-return overwrite leaves on screen', () => {
    assert.equal(cleanTerminalText('10%\r50%\r100%\n'), '100%\n');
  });

  it('keeps the last lines, trims blank ones, caps the length from the start', () => {
    const raw = ['a', 'b', 'c', 'd', 'e', 'f', 'g', '', '', ''].join('\n');
    assert.equal(outputTail(raw, 3), 'e\nf\ng');
    assert.equal(outputTail('\n\nonly\n\n', 5), 'only');
    const long = outputTail('x'.repeat(1000), 5, 50);
    assert.equal(long.length, 50);
    assert.ok(long.startsWith('…'));
  });

  it('OutputTail keeps memory bounded and the end intact', () => {
    const tail = new OutputTail(100);
    for (let i = 0; i < 10_000; i++) tail.push(`line ${i}\n`);
    assert.equal(tail.tail(2), 'line 9998\nline 9999');
  });
});

describe('notify: template', () => {
  const finished: Finished = { name: 'build', exitCode: 0, durationMs: 252_000, workspace: 'app', cwd: '/src/app', output: '' };
  const render = (template: string, f: Partial<Finished> = {}) =>
    renderTemplate(template, placeholderValues({ ...finished, ...f }, formatDuration));

  it('the default reads well for success, failure and an unknown exit code', () => {
    assert.equal(render(DEFAULT_TEMPLATE), '**✅ build** finished in 4m 12s');
    assert.equal(render(DEFAULT_TEMPLATE, { exitCode: 3 }), '**❌ build** failed with exit code 3 in 4m 12s');
    assert.equal(render(DEFAULT_TEMPLATE, { exitCode: undefined }), '**⚠️ build** ended with an unknown exit code in 4m 12s');
  });

  it('work that fails without an exit code (a notebook cell) just failed', () => {
    assert.equal(
      render(DEFAULT_TEMPLATE, { name: 'train.ipynb cell 3', exitCode: 'failed' }),
      '**❌ train.ipynb cell 3** failed in 4m 12s',
    );
    assert.equal(render('${exitCode}', { exitCode: 'failed' }), 'none');
  });

  it('fills every placeholder', () => {
    const text = render('${name}|${icon}|${status}|${exitCode}|${duration}|${workspace}|${cwd}|${output}', { exitCode: 2, output: 'tail' });
    assert.equal(text, 'build|❌|failed with exit code 2|2|4m 12s|app|/src/app|tail');
  });

  it('never expands placeholders inside values', () => {
    assert.equal(render('${name} ${output}', { name: 'echo ${cwd}', output: '${exitCode}' }), 'echo ${cwd} ${exitCode}');
  });

  it('an empty value leaves no dangling lines', () => {
    assert.equal(render('${name} done\n\n${output}\n'), 'build done');
    assert.equal(render('${name}\n\n\n\n${output}', { output: 'x' }), 'build\n\nx');
  });

  it('shortens and flattens a long multi-line name', () => {
    const text = render('${name}', { name: `make \\\n  ${'x'.repeat(300)}` });
    assert.equal(text.length, 120);
    assert.ok(text.startsWith('make \\ xx') && text.endsWith('…'));
  });

  it('finds unknown placeholders', () => {
    assert.equal(unknownPlaceholder(DEFAULT_TEMPLATE), undefined);
    assert.equal(unknownPlaceholder('${name} ${nmae}'), '${nmae}');
    assert.equal(unknownPlaceholder('$name {name} ${}'), '${}');
  });
});

describe('notify: rules', () => {
  const rules: NotifyRules = {
    mode: 'always',
    minDurationSeconds: 30,
    onlyWhenUnfocused: true,
    ignoreExitCodes: [130, 143],
    quietHours: [],
  };
  const ending: Ending = { exitCode: 1, durationMs: 60_000, armed: false, focused: false, at: at(12, 0) };
  const check = (r: Partial<NotifyRules>, e: Partial<Ending>) => decide({ ...rules, ...r }, { ...ending, ...e });

  it('always: successes and failures', () => {
    assert.deepEqual(check({}, { exitCode: 0 }), { notify: true });
    assert.deepEqual(check({}, { exitCode: 1 }), { notify: true });
  });

  it('off: nothing', () => {
    assert.deepEqual(check({ mode: 'off' }, {}), { notify: false, reason: 'notifications are off' });
  });

  it('failures: non-zero and unknown exit codes only', () => {
    assert.equal(check({ mode: 'failures' }, { exitCode: 0 }).notify, false);
    assert.equal(check({ mode: 'failures' }, { exitCode: 2 }).notify, true);
    assert.equal(check({ mode: 'failures' }, { exitCode: undefined }).notify, true);
    assert.equal(check({ mode: 'failures' }, { exitCode: 'failed' }).notify, true);
  });

  it('minimum duration, inclusive', () => {
    assert.equal(check({}, { durationMs: 29_999 }).notify, false);
    assert.equal(check({}, { durationMs: 30_000 }).notify, true);
    assert.equal(check({ minDurationSeconds: 0 }, { durationMs: 0 }).notify, true);
  });

  it('ignored exit codes, in every mode', () => {
    assert.deepEqual(check({}, { exitCode: 130 }), { notify: false, reason: 'exit code 130 is ignored' });
    assert.equal(check({ mode: 'failures' }, { exitCode: 143 }).notify, false);
    assert.equal(check({ ignoreExitCodes: [] }, { exitCode: 130 }).notify, true);
    assert.equal(check({ ignoreExitCodes: [1] }, { exitCode: 'failed' }).notify, true, 'a failure without a code is no listed code');
  });

  it('focus', () => {
    assert.equal(check({}, { focused: true }).notify, false);
    assert.equal(check({ onlyWhenUnfocused: false }, { focused: true }).notify, true);
  });

  it('quiet hours', () => {
    const quiet = [{ start: 22 * 60, end: 7 * 60 }];
    assert.deepEqual(check({ quietHours: quiet }, { at: at(23, 0) }), { notify: false, reason: 'it is quiet hours', quiet: true });
    assert.equal(check({ quietHours: quiet }, { at: at(7, 0) }).notify, true);
  });

  it('an armed one-shot outranks every rule', () => {
    const strict: Partial<NotifyRules> = { mode: 'off', minDurationSeconds: 999, quietHours: [{ start: 0, end: 1440 }] };
    assert.deepEqual(check(strict, { armed: true, exitCode: 130, durationMs: 0, focused: true }), { notify: true });
  });
});

describe('notify: settings', () => {
  it('defaults', () => {
    const r = readSettings({});
    assert.ok(r.ok);
    assert.equal(r.settings.notifyTasks, 'off');
    assert.equal(r.settings.notifyTerminal, 'off');
    assert.equal(r.settings.notifyMinDurationSeconds, 30);
    assert.equal(r.settings.notifyOnlyWhenUnfocused, true);
    assert.deepEqual(r.settings.notifyIgnoreExitCodes, [130, 143]);
    assert.equal(r.settings.notifyTemplate, DEFAULT_TEMPLATE);
  });

  it('bad values name the setting', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ notifyTasks: 'sometimes' }, /^imessage\.notify\.tasks must be "off", "failures" or "always"/],
      [{ notifyMinDurationSeconds: -1 }, /^imessage\.notify\.minDurationSeconds must be 0 or more/],
      [{ notifyIgnoreExitCodes: [1.5] }, /^imessage\.notify\.ignoreExitCodes must list whole numbers/],
      [{ notifyQuietHours: '10pm-7am' }, /^imessage\.notify\.quietHours "10pm-7am" is not a range/],
      [{ notifyTemplate: 'done: ${nmae}' }, /^imessage\.notify\.template has an unknown placeholder \$\{nmae\}/],
      [{ notifyTemplate: ' ' }, /^imessage\.notify\.template is empty/],
    ];
    for (const [raw, message] of cases) {
      const r = readSettings(raw);
      assert.ok(!r.ok, JSON.stringify(raw));
      assert.match(r.message, message);
    }
  });
});
