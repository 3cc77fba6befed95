// The window that answers a hook: the one whose folder holds the agent's cwd (the deepest one),
// else the one focused last.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CHANNEL_VERSION, type WindowRegistration } from '../../../../src/core/agent-hooks/channel-protocol';
import { chooseWindow, contains, rankWindows } from '../../../../src/core/agent-hooks/channel/choose';

const win = (socket: string, folders: string[], focusedAt: number): WindowRegistration => ({
  v: CHANNEL_VERSION,
  pid: 1,
  socket,
  folders,
  focusedAt,
});

const api = win('api', ['/home/ana/src/acme-api'], 100);
const apiTools = win('api-tools', ['/home/ana/src/acme-api/tools'], 50);
const web = win('web', ['/home/ana/src/web', '/home/ana/src/shared'], 300);
const empty = win('empty', [], 200);
const all = [api, apiTools, web, empty];

describe('choosing the window', () => {
  const cases: [cwd: string | undefined, windows: WindowRegistration[], expected: string | undefined][] = [
    ['/home/ana/src/acme-api', all, 'api'],
    ['/home/ana/src/acme-api/src/deep', all, 'api'],
    ['/home/ana/src/acme-api/tools/bin', all, 'api-tools'],
    ['/home/ana/src/acme-api/tools', all, 'api-tools'],
    ['/home/ana/src/shared/lib', all, 'web'],
    ['/home/ana/src/acme-api-v2', all, 'web'],
    ['/home/ana/src/acme', all, 'web'],
    ['/home/ana/src/acme-api/../web', all, 'web'],
    ['/home/ana/src/acme-api/', all, 'api'],
    ['/elsewhere', all, 'web'],
    [undefined, all, 'web'],
    ['/elsewhere', [api, empty], 'empty'],
    ['/elsewhere', [], undefined],
    ['/home/ana/src/acme-api/x', [win('older', ['/home/ana/src/acme-api'], 1), win('newer', ['/home/ana/src/acme-api'], 2)], 'newer'],
  ];
  for (const [cwd, windows, expected] of cases) {
    it(`${cwd ?? '(no cwd)'} among ${windows.map((w) => w.socket).join(', ') || 'none'} → ${expected ?? 'none'}`, () =>
      assert.equal(chooseWindow(windows, cwd)?.socket, expected));
  }

  it('ranks every window, best first, for when a better one does not accept', () => {
    assert.deepEqual(
      rankWindows(all, '/home/ana/src/acme-api/tools/x').map((w) => w.socket),
      ['api-tools', 'api', 'web', 'empty'],
    );
  });

  it('reads folders segment by segment', () => {
    assert.equal(contains('/a/b', '/a/b'), true);
    assert.equal(contains('/a/b', '/a/b/c'), true);
    assert.equal(contains('/a/b', '/a/bc'), false);
    assert.equal(contains('/a/b', '/a'), false);
    assert.equal(contains('/a/b', '/a/b/..c'), true);
    assert.equal(contains('/', '/anything'), true);
  });

  it('on Windows, ignores case and slash direction', () => {
    assert.equal(contains('C:\\Users\\Ana\\src\\acme', 'c:/users/ana/src/acme/lib', path.win32), true);
    assert.equal(contains('C:\\Users\\Ana\\src\\acme', 'C:\\Users\\Ana\\src\\acme2', path.win32), false);
    assert.equal(chooseWindow([win('w', ['C:\\src\\acme'], 0), win('x', [], 9)], 'C:\\SRC\\ACME\\x', path.win32)?.socket, 'w');
  });
});
