import { DEFAULT_ENTITLEMENTS, DEFAULT_PACING, DEFAULT_TIMING, DEFAULT_UNREACHABLE, defaultNumbers } from './defaults';
import { randomAlnum } from './envelope';
import { Pacer } from './pacing';
import { Progress } from './progress';
import type {
  DeliveryTiming,
  EntitlementStatus,
  InboundMessage,
  LeasedNumber,
  NumberChannel,
  NumberMode,
  ReactionEvent,
  SandboxOptions,
  SentMessage,
} from './types';

type NewMessage = Omit<SentMessage, 'id' | 'channel' | 'status' | 'timestamp' | 'deliveredAt' | 'read' | 'events'>;
export type ThreadMessage = (SentMessage & { direction: 'out' }) | (InboundMessage & { direction: 'in' });

/** How long a typing indicator lasts when the client never says `stop` (Messages gives up after about a minute). */
export const TYPING_TIMEOUT_MS = 60_000;

/** The account the sandbox pretends to be: numbers, entitlements, and every thread with the people it texts. */
export class SandboxState {
  readonly sent: SentMessage[] = [];
  readonly inbound: InboundMessage[] = [];
  readonly reactions: ReactionEvent[] = [];
  readonly numbers: LeasedNumber[];
  readonly pacer: Pacer | null;
  legacySends = 0;
  private entitlements: Map<string, EntitlementStatus>;
  private readonly initialEntitlements: Map<string, EntitlementStatus>;
  private modes: Map<string, NumberMode>;
  private readonly initialModes: Map<string, NumberMode>;
  /** Thread key → when our typing indicator expires. */
  private readonly typing = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly progress: Progress;

  constructor(options: SandboxOptions) {
    this.numbers = structuredClone(options.numbers ?? defaultNumbers());
    this.initialModes = new Map((options.unreachable ?? DEFAULT_UNREACHABLE).map((n) => [n, 'no-imessage']));
    this.modes = new Map(this.initialModes);
    this.pacer = options.pacing === false ? null : new Pacer(options.pacing ?? DEFAULT_PACING, options.clock);
    this.initialEntitlements = new Map(Object.entries({ ...DEFAULT_ENTITLEMENTS, ...options.entitlements }));
    this.entitlements = new Map(this.initialEntitlements);
    this.progress = new Progress(timing(options.delivery), () => this.changed());
  }

  /** Called after every change of a thread, so the inbox page can be told. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  entitlement(name: string): EntitlementStatus | undefined {
    return this.entitlements.get(name);
  }

  allEntitlements(): [string, EntitlementStatus][] {
    return [...this.entitlements];
  }

  setEntitlement(name: string, status: EntitlementStatus): void {
    this.entitlements.set(name, status);
  }

  modeOf(recipient: string): NumberMode {
    return this.modes.get(recipient) ?? 'imessage';
  }

  allModes(): [string, NumberMode][] {
    return [...this.modes];
  }

  setMode(recipient: string, mode: NumberMode): void {
    if (mode === 'imessage') this.modes.delete(recipient);
    else this.modes.set(recipient, mode);
    this.changed();
  }

  findNumber(e164: string): LeasedNumber | undefined {
    return this.numbers.find((n) => n.number.e164 === e164);
  }

  /** The number Contiguity would pick when `from` is omitted: the first active iMessage lease. */
  defaultImessageNumber(): string | undefined {
    return this.numbers.find((n) => n.lease_status === 'active' && n.capabilities.channels.includes('imessage'))?.number.e164;
  }

  private hasChannel(e164: string, channel: NumberChannel): boolean {
    return this.findNumber(e164)?.capabilities.channels.includes(channel) ?? false;
  }

  private defaultSmsNumber(): string | undefined {
    return this.numbers.find((n) => n.lease_status === 'active' && n.capabilities.channels.includes('sms'))?.number.e164;
  }

  /** Records an accepted message and sets it on its way (or fails it / falls back, as the recipient's mode says). */
  deliver(msg: NewMessage, idPrefix: string): SentMessage {
    let { from } = msg;
    let channel: SentMessage['channel'] = 'imessage';
    let failure: string | undefined;
    const mode = this.modeOf(msg.to);
    const rule = mode === 'no-imessage' ? 'imessage_unsupported' : 'imessage_fails';
    if (mode !== 'imessage') {
      if (msg.fallback?.when.includes(rule)) {
        channel = 'sms';
        from = msg.fallback.from ?? (this.hasChannel(from, 'sms') ? from : this.defaultSmsNumber()) ?? from;
      } else {
        failure = mode === 'no-imessage' ? 'Recipient cannot receive iMessage' : 'iMessage delivery failed';
      }
    }
    const now = Date.now();
    const sent: SentMessage = {
      ...msg,
      from,
      id: `${idPrefix}${randomAlnum()}`,
      channel,
      status: 'queued',
      timestamp: now,
      deliveredAt: null,
      read: null,
      events: [{ event: 'queued', title: 'Message queued', at: now }],
    };
    this.sent.push(sent);
    // A message ends the typing indicator, as on a phone.
    this.typing.delete(threadKey(sent.from, sent.to));
    if (failure) this.progress.fail(sent, failure);
    else this.progress.start(sent);
    this.changed();
    return sent;
  }

  receive(msg: Omit<InboundMessage, 'id' | 'timestamp' | 'read'>): InboundMessage {
    const received: InboundMessage = { ...msg, id: `imsg_${randomAlnum()}`, timestamp: Date.now(), read: null };
    this.inbound.push(received);
    this.changed();
    return received;
  }

  findSent(id: string): SentMessage | undefined {
    return this.sent.find((m) => m.id === id);
  }

  /** Both directions of the thread between our number and a person, oldest first. */
  thread(ours: string, person: string): ThreadMessage[] {
    const out = this.sent.filter((m) => m.from === ours && m.to === person).map((m) => ({ ...m, direction: 'out' as const }));
    const inb = this.inbound.filter((m) => m.to === ours && m.from === person).map((m) => ({ ...m, direction: 'in' as const }));
    return [...out, ...inb].sort((a, b) => a.timestamp - b.timestamp);
  }

  /** Every thread as [our number, person], most recently active first. */
  threads(): [string, string][] {
    const last = new Map<string, number>();
    for (const m of this.sent) last.set(threadKey(m.from, m.to), Math.max(last.get(threadKey(m.from, m.to)) ?? 0, m.timestamp));
    for (const m of this.inbound) last.set(threadKey(m.to, m.from), Math.max(last.get(threadKey(m.to, m.from)) ?? 0, m.timestamp));
    return [...last].sort((a, b) => b[1] - a[1]).map(([key]) => splitKey(key));
  }

  reactionsIn(ours: string, person: string): ReactionEvent[] {
    const ids = new Set(this.thread(ours, person).map((m) => m.id));
    return this.reactions.filter((r) => ids.has(r.messageId));
  }

  /** The tapbacks standing on a message now: one per person, the latest add not yet removed. */
  currentTapbacks(messageId: string): Map<string, ReactionEvent> {
    const current = new Map<string, ReactionEvent>();
    for (const r of this.reactions) {
      if (r.messageId !== messageId) continue;
      if (r.action === 'added') current.set(r.by, r);
      else current.delete(r.by);
    }
    return current;
  }

  addReaction(reaction: ReactionEvent): void {
    this.reactions.push(reaction);
    this.changed();
  }

  setTyping(ours: string, person: string, on: boolean): void {
    if (on) this.typing.set(threadKey(ours, person), Date.now() + TYPING_TIMEOUT_MS);
    else this.typing.delete(threadKey(ours, person));
    if (on) this.progress.later(TYPING_TIMEOUT_MS, () => this.changed());
    this.changed();
  }

  isTyping(ours: string, person: string): boolean {
    return (this.typing.get(threadKey(ours, person)) ?? 0) > Date.now();
  }

  /** The person opened the thread: what reached their phone is now read. Returns how many changed. */
  readByPerson(ours: string, person: string): number {
    const unread = this.sent.filter((m) => m.from === ours && m.to === person && m.status === 'delivered');
    for (const m of unread) this.progress.read(m);
    if (unread.length) this.changed();
    return unread.length;
  }

  /** We sent a read receipt: everything the person wrote to us so far is read. */
  readByUs(ours: string, person: string): number {
    const now = Date.now();
    const unread = this.inbound.filter((m) => m.to === ours && m.from === person && m.read === null);
    for (const m of unread) m.read = now;
    if (unread.length) this.changed();
    return unread.length;
  }

  /** Clears in place so arrays a test already holds stay live. */
  reset(): void {
    this.progress.cancelAll();
    this.sent.length = 0;
    this.inbound.length = 0;
    this.reactions.length = 0;
    this.typing.clear();
    this.legacySends = 0;
    this.pacer?.reset();
    this.entitlements = new Map(this.initialEntitlements);
    this.modes = new Map(this.initialModes);
    this.changed();
  }

  close(): void {
    this.progress.cancelAll();
    this.listeners.clear();
  }
}

export function threadKey(ours: string, person: string): string {
  return `${ours}\n${person}`;
}

function splitKey(key: string): [string, string] {
  const [ours, person] = key.split('\n');
  return [ours, person];
}

function timing(option: SandboxOptions['delivery']): DeliveryTiming {
  if (option === 'instant') return { sentMs: 0, deliveredMs: 0, readMs: null };
  const t = { ...DEFAULT_TIMING, ...option };
  const ok = (n: number) => Number.isFinite(n) && n >= 0;
  if (
    !ok(t.sentMs) ||
    !ok(t.deliveredMs) ||
    t.deliveredMs < t.sentMs ||
    (t.readMs !== null && !(ok(t.readMs) && t.readMs >= t.deliveredMs))
  ) {
    throw new RangeError(`delivery timing needs 0 <= sentMs <= deliveredMs <= readMs (or readMs null), got ${JSON.stringify(t)}`);
  }
  return t;
}
