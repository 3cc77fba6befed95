// When each agent session started work, to say how long it worked when it finishes. Bounded:
// sessions that never finish (a killed agent) must not grow the map for the life of the window.

export const MAX_SESSIONS = 200;
/** A start older than this is not the start of the turn that finishes now. */
export const MAX_SESSION_AGE_MS = 24 * 60 * 60 * 1000;

export class SessionStarts {
  /** Insertion order is age order: a restart moves the session to the end. */
  private readonly starts = new Map<string, number>();

  started(key: string, at: number): void {
    this.starts.delete(key);
    this.starts.set(key, at);
    this.prune(at);
  }

  /** How long the session worked, once: the start is forgotten, so a second "finished" says nothing. */
  finished(key: string, at: number): number | undefined {
    this.prune(at);
    const start = this.starts.get(key);
    this.starts.delete(key);
    return start === undefined || start > at ? undefined : at - start;
  }

  get size(): number {
    return this.starts.size;
  }

  private prune(now: number) {
    for (const [key, at] of this.starts) {
      if (this.starts.size <= MAX_SESSIONS && now - at <= MAX_SESSION_AGE_MS) break;
      this.starts.delete(key);
    }
  }
}

/** Which session an event belongs to: its id, else its working directory. */
export function sessionKey(e: { agent: string; sessionId?: string; cwd: string }): string {
  return `${e.agent}\u0000${e.sessionId === undefined ? `cwd:${e.cwd}` : `id:${e.sessionId}`}`;
}
