// Which window answers a hook: the one whose workspace folder holds the agent's cwd (the deepest
// folder, when windows are nested), else the one the user looked at last.
import * as path from 'node:path';
import type { WindowRegistration } from '../channel-protocol';

export function chooseWindow(
  windows: readonly WindowRegistration[],
  cwd: string | undefined,
  paths: path.PlatformPath = path,
): WindowRegistration | undefined {
  return rankWindows(windows, cwd, paths)[0];
}

/** Every window, best first: the one to try next when a better one does not accept (it died without cleaning up). */
export function rankWindows(
  windows: readonly WindowRegistration[],
  cwd: string | undefined,
  paths: path.PlatformPath = path,
): WindowRegistration[] {
  const depth = (w: WindowRegistration) =>
    cwd === undefined ? -1 : Math.max(-1, ...w.folders.map((f) => (contains(f, cwd, paths) ? paths.resolve(f).length : -1)));
  return windows
    .map((window) => ({ window, depth: depth(window) }))
    .sort((a, b) => b.depth - a.depth || b.window.focusedAt - a.window.focusedAt)
    .map((r) => r.window);
}

/** Does `folder` hold `cwd`, segment by segment (/a/b holds /a/b and /a/b/c, not /a/bc)? */
export function contains(folder: string, cwd: string, paths: path.PlatformPath = path): boolean {
  const key = (p: string) => (paths === path.win32 ? p.toLowerCase() : p);
  const relative = paths.relative(key(paths.resolve(folder)), key(paths.resolve(cwd)));
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${paths.sep}`) && !paths.isAbsolute(relative));
}
