// What "iMessage: New Payload" starts from, and the built-in samples "Send Payload" offers.
// Every template is a valid request (a unit test checks them against the generated schema).

export interface TemplateContext {
  /** The recipient to put in: the default recipient when it is a number, else a placeholder. */
  to: string;
  /** `imessage.from`, when set. */
  from?: string;
}

export interface PayloadTemplate {
  id: string;
  label: string;
  detail: string;
  build(ctx: TemplateContext): Record<string, unknown>;
}

export const PLACEHOLDER_RECIPIENT = '+14155552671';

const withFrom = (ctx: TemplateContext) => (ctx.from ? { from: ctx.from } : {});

export const PAYLOAD_TEMPLATES: readonly PayloadTemplate[] = [
  { id: 'text', label: 'Text', detail: 'A plain message', build: (c) => ({ to: c.to, ...withFrom(c), message: 'Hello from VS Code' }) },
  {
    id: 'formatted',
    label: 'Formatted text',
    detail: 'Bold, italics, strikethrough and underline as iMessage renders them',
    build: (c) => ({ to: c.to, ...withFrom(c), message: 'Deploy **finished**: _3 services_ updated, ~~0 failures~~ __all green__' }),
  },
  {
    id: 'attachments',
    label: 'Attachments',
    detail: 'A message with https:// attachments (current API only)',
    build: (c) => ({
      to: c.to,
      ...withFrom(c),
      message: 'The report is attached',
      attachments: ['https://example.com/report.pdf', 'https://example.com/chart.png'],
    }),
  },
  {
    id: 'fallback',
    label: 'Fallback to SMS',
    detail: 'Falls back to SMS/RCS when the recipient has no iMessage or delivery fails',
    build: (c) => ({
      to: c.to,
      ...withFrom(c),
      message: 'Reaches you either way',
      fallback: { when: ['imessage_unsupported', 'imessage_fails'] },
    }),
  },
  {
    id: 'fast-track',
    label: 'Fast track',
    detail: 'Bypasses recommended rate limiting (needs the Fast Track entitlement; current API only)',
    build: (c) => ({ to: c.to, ...withFrom(c), message: 'Urgent: build broken on main', fast_track: true }),
  },
  {
    id: 'legacy',
    label: 'Legacy API',
    detail: 'Only what the legacy /send/text carries: text, from, and SMS if iMessage fails',
    build: (c) => ({ to: c.to, ...withFrom(c), message: 'Sent through the legacy API', fallback: { when: ['imessage_fails'] } }),
  },
];

/** A payload file's text: two-space JSON with a final newline, as editors save it. */
export function payloadText(payload: unknown): string {
  return `${JSON.stringify(payload, null, 2)}\n`;
}
