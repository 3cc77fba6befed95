// Which window answers a hook: the one whose workspace folder holds the agent's cwd (the deepest
// folder, when windows are nested), else the one the user looked at last.
import * as path from 'node:path';
import type { WindowRegistration } from '../channel-protocol';

export function chooseWindow(
  windows: readonly WindowRegistration[],
  cwd: string | undefined,
  paths: path.PlatformPath = path,
): WindowRegistration | undefined {
  let best: { window: WindowRegistration; depth: number } | undefined;
  for (const window of windows) {
    const depth = cwd === undefined ? -1 : Math.max(-1, ...window.folders.map((f) => (contains(f, cwd, paths) ? f.length : -1)));
    if (!best || depth > best.depth || (depth === best.depth && window.focusedAt > best.window.focusedAt)) best = { window, depth };
  }
  return best?.window;
}

/** Does `folder` hold `cwd`, segment by segment (/a/b holds /a/b and /a/b/c, not /a/bc)? */
export function contains(folder: string, cwd: string, paths: path.PlatformPath = path): boolean {
  const key = (p: string) => (paths === path.win32 ? p.toLowerCase() : p);
  const relative = paths.relative(key(paths.resolve(folder)), key(paths.resolve(cwd)));
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${paths.sep}`) && !paths.isAbsolute(relative));
}
