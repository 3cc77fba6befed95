// Questions open in other VS Code windows. Every window reads the same thread with the user, so a
// bare "Y" must not be taken by two windows at once: each open question is a file
// `<channelDir>/questions/<pid>-<window>-<id>` (0600, in the user's private directory) holding its code,
// removed when the question closes. While another live window has one open, this window's texts
// carry codes, its codes differ from theirs, and a reply without one of its codes is not its to take.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive } from '../shared-files';

const CODE_FILE = /^(\d+)-([\w-]+)$/;

export class QuestionFiles {
  readonly dir: string;
  /** Tells apart books in one process (a test's own services beside the extension's). */
  private readonly instance = Math.random().toString(36).slice(2, 10);

  constructor(
    channel: string,
    private readonly pid: number = process.pid,
    private readonly alive: (pid: number) => boolean = isAlive,
  ) {
    this.dir = path.join(channel, 'questions');
  }

  /** Records an open question; a failure (no private directory) only loses the cross-window hint. */
  add(id: string, code: string): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(this.file(id), code, { mode: 0o600 });
    } catch {
      // Best effort: this window's own questions are still matched safely.
    }
  }

  remove(id: string): void {
    fs.rmSync(this.file(id), { force: true });
  }

  /** The codes of questions open in other live windows. Files of windows that are gone are removed. */
  foreignCodes(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    const codes: string[] = [];
    for (const name of names) {
      const m = CODE_FILE.exec(name);
      const pid = Number(m?.[1]);
      if (!m || pid === this.pid) continue;
      const file = path.join(this.dir, name);
      if (!this.alive(pid)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      try {
        const code = fs.readFileSync(file, 'utf8').trim();
        if (/^[A-Z0-9]{3}$/.test(code)) codes.push(code);
      } catch {
        // Closed meanwhile.
      }
    }
    return codes;
  }

  private file(id: string): string {
    return path.join(this.dir, `${this.pid}-${this.instance}-${id}`);
  }
}
