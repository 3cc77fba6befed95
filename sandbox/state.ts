import { DEFAULT_ENTITLEMENTS, DEFAULT_PACING, DEFAULT_UNREACHABLE, defaultNumbers } from './defaults';
import { randomAlnum } from './envelope';
import { Pacer } from './pacing';
import type { EntitlementStatus, LeasedNumber, NumberChannel, SandboxOptions, SentMessage } from './types';

type NewMessage = Omit<SentMessage, 'id' | 'channel' | 'status' | 'timestamp'>;

/** The account the sandbox pretends to be: numbers, entitlements and what it has "sent". */
export class SandboxState {
  readonly sent: SentMessage[] = [];
  readonly numbers: LeasedNumber[];
  readonly unreachable: ReadonlySet<string>;
  readonly pacer: Pacer | null;
  legacySends = 0;
  private entitlements: Map<string, EntitlementStatus>;
  private readonly initialEntitlements: Map<string, EntitlementStatus>;

  constructor(options: SandboxOptions) {
    this.numbers = structuredClone(options.numbers ?? defaultNumbers());
    this.unreachable = new Set(options.unreachable ?? DEFAULT_UNREACHABLE);
    this.pacer = options.pacing === false ? null : new Pacer(options.pacing ?? DEFAULT_PACING, options.clock);
    this.initialEntitlements = new Map(Object.entries({ ...DEFAULT_ENTITLEMENTS, ...options.entitlements }));
    this.entitlements = new Map(this.initialEntitlements);
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

  findNumber(e164: string): LeasedNumber | undefined {
    return this.numbers.find((n) => n.number.e164 === e164);
  }

  /** The number Contiguity would pick when `from` is omitted: the first active iMessage lease. */
  defaultImessageNumber(): string | undefined {
    return this.numbers.find((n) => n.lease_status === 'active' && n.capabilities.channels.includes('imessage'))
      ?.number.e164;
  }

  private hasChannel(e164: string, channel: NumberChannel): boolean {
    return this.findNumber(e164)?.capabilities.channels.includes(channel) ?? false;
  }

  private defaultSmsNumber(): string | undefined {
    return this.numbers.find((n) => n.lease_status === 'active' && n.capabilities.channels.includes('sms'))?.number
      .e164;
  }

  /** Records an accepted message, simulating what happens to it for recipients without iMessage. */
  deliver(msg: NewMessage, idPrefix: string): SentMessage {
    let { from } = msg;
    let channel: SentMessage['channel'] = 'imessage';
    let status: SentMessage['status'] = 'delivered';
    if (this.unreachable.has(msg.to)) {
      if (msg.fallback?.when.includes('imessage_unsupported')) {
        channel = 'sms';
        from = msg.fallback.from ?? (this.hasChannel(from, 'sms') ? from : this.defaultSmsNumber()) ?? from;
      } else {
        status = 'failed';
      }
    }
    const sent: SentMessage = { ...msg, from, id: `${idPrefix}${randomAlnum()}`, channel, status, timestamp: Date.now() };
    this.sent.push(sent);
    return sent;
  }

  findSent(id: string): SentMessage | undefined {
    return this.sent.find((m) => m.id === id);
  }

  /** Clears in place so arrays a test already holds stay live. */
  reset(): void {
    this.sent.length = 0;
    this.legacySends = 0;
    this.pacer?.reset();
    this.entitlements = new Map(this.initialEntitlements);
  }
}
