// How many texts agents sent in this session (one activation), for imessage.agent.maxTextsPerSession:
// one count for the language model tools and the agent hooks together, so a prompt injection
// cannot get past the cap by going through the other door.
export class AgentBudget {
  private sent = 0;

  /** Takes one text if fewer than `max` were sent; checked and counted at once, so concurrent senders cannot slip past together. */
  take(max: number): boolean {
    if (this.sent >= max) return false;
    this.sent++;
    return true;
  }

  /** A text that surely did not reach the phone does not count. */
  giveBack(): void {
    this.sent = Math.max(0, this.sent - 1);
  }

  left(max: number): number {
    return Math.max(0, max - this.sent);
  }

  reached(max: number): boolean {
    return this.sent >= max;
  }
}
