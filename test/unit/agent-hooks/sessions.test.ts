// How long an agent session worked: from its start to its finish, once; bounded in count and age.
import assert from 'node:assert/strict';
import { MAX_SESSION_AGE_MS, MAX_SESSIONS, SessionStarts, sessionKey } from '../../../src/core/agent-hooks/sessions';

describe('agent hooks: session starts', () => {
  it('says how long a session worked, once', () => {
    const s = new SessionStarts();
    s.started('a', 1_000);
    assert.equal(s.finished('a', 61_000), 60_000);
    assert.equal(s.finished('a', 62_000), undefined, 'a second finish has no start');
    assert.equal(s.finished('never', 1), undefined);
  });

  it('a new start of the same session starts the count again', () => {
    const s = new SessionStarts();
    s.started('a', 1_000);
    s.started('a', 50_000);
    assert.equal(s.finished('a', 60_000), 10_000);
  });

  it('keeps at most MAX_SESSIONS, dropping the oldest, and forgets starts older than a day', () => {
    const s = new SessionStarts();
    for (let i = 0; i <= MAX_SESSIONS; i++) s.started(`s${i}`, i);
    assert.equal(s.size, MAX_SESSIONS);
    assert.equal(s.finished('s0', 1_000), undefined);
    assert.equal(s.finished('s1', 1_000), 999);
    assert.equal(s.finished('s2', 2 + MAX_SESSION_AGE_MS + 1), undefined, 'older than a day');
  });

  it('keys by agent and session id, else the working directory', () => {
    assert.notEqual(sessionKey({ agent: 'claude', sessionId: 'x', cwd: '/a' }), sessionKey({ agent: 'codex', sessionId: 'x', cwd: '/a' }));
    assert.equal(sessionKey({ agent: 'claude', cwd: '/a' }), sessionKey({ agent: 'claude', cwd: '/a' }));
    assert.notEqual(sessionKey({ agent: 'claude', cwd: '/a' }), sessionKey({ agent: 'claude', sessionId: 'cwd:/a', cwd: '/b' }));
  });
});
