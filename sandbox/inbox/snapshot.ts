// What the inbox page shows, as plain data: sent over server-sent events and by GET /__sandbox/state.
import type { SandboxState } from '../state';
import type { MessageStatus, NumberMode, Tapback } from '../types';

export interface InboxSnapshot {
  numbers: { e164: string; imessage: boolean; active: boolean }[];
  /** Recipients whose phone is not a normal iMessage phone. */
  modes: Record<string, NumberMode>;
  /** Most recently active first. */
  threads: InboxThread[];
}

export interface InboxThread {
  /** Our leased number. */
  ours: string;
  /** The person (the phone the page stands for). */
  person: string;
  mode: NumberMode;
  /** We are typing to them (POST /send/imessage/typing). */
  typing: boolean;
  messages: InboxMessage[];
}

export interface InboxMessage {
  id: string;
  /** 'out': sent through the API to the person; 'in': the person wrote to us. */
  direction: 'out' | 'in';
  text: string;
  attachments: string[];
  timestamp: number;
  /** For 'in' messages: 'read' once we sent a read receipt, else 'delivered'. */
  status: MessageStatus;
  channel: 'imessage' | 'sms';
  read: number | null;
  tapbacks: { tapback: Tapback; by: 'us' | 'them' }[];
}

export function snapshot(state: SandboxState): InboxSnapshot {
  return {
    numbers: state.numbers.map((n) => ({
      e164: n.number.e164,
      imessage: n.capabilities.channels.includes('imessage'),
      active: n.lease_status === 'active',
    })),
    modes: Object.fromEntries(state.allModes()),
    threads: state.threads().map(([ours, person]) => ({
      ours,
      person,
      mode: state.modeOf(person),
      typing: state.isTyping(ours, person),
      messages: state.thread(ours, person).map((m): InboxMessage => ({
        id: m.id,
        direction: m.direction,
        text: m.message,
        attachments: m.attachments,
        timestamp: m.timestamp,
        status: m.direction === 'out' ? m.status : m.read === null ? 'delivered' : 'read',
        channel: m.direction === 'out' ? m.channel : 'imessage',
        read: m.read,
        tapbacks: [...state.currentTapbacks(m.id).values()].map((r) => ({ tapback: r.reaction, by: r.by === person ? 'them' : 'us' })),
      })),
    })),
  };
}
