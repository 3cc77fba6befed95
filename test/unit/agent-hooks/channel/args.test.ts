// The hook's arguments, read the same way by the hook and by the window.
import assert from 'node:assert/strict';
import { readHookArgs } from '../../../../src/core/agent-hooks/channel/args';

describe('hook arguments', () => {
  it('reads agent, event and timeout', () => {
    assert.deepEqual(readHookArgs(['--agent', 'claude', '--event', 'PreToolUse', '--timeout', '600']), {
      agent: 'claude',
      event: 'PreToolUse',
      timeoutSeconds: 600,
      argumentInput: undefined,
    });
  });

  it('takes Codex input from the last argument', () => {
    const json = '{"type":"agent-turn-complete","cwd":"/a"}';
    assert.equal(readHookArgs(['--agent', 'codex', json]).argumentInput, json);
    assert.equal(readHookArgs([json]).argumentInput, json);
    assert.equal(readHookArgs(['--agent', 'codex']).argumentInput, 'codex', 'codex always passes its JSON last');
    assert.equal(readHookArgs(['--agent', 'claude']).argumentInput, undefined);
  });

  for (const timeout of ['0', '-5', 'soon', 'NaN', 'Infinity']) {
    it(`ignores --timeout ${timeout}`, () => assert.equal(readHookArgs(['--timeout', timeout]).timeoutSeconds, undefined));
  }
  it('ignores a --timeout without a value', () => assert.equal(readHookArgs(['--timeout']).timeoutSeconds, undefined));
});
