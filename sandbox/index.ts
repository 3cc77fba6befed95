// The sandbox's public surface. Nothing here may import from src/ (see types.ts); only the inbox
// page's browser bundle takes the formatting engine, to show bubbles exactly as the extension renders them.
export { startSandbox } from './server';
export type {
  DeliveryTiming,
  EntitlementName,
  EntitlementStatus,
  FallbackWhen,
  Fault,
  InboundMessage,
  LeasedNumber,
  LeaseStatus,
  MessageStatus,
  NumberChannel,
  NumberMode,
  Outage,
  PacingOptions,
  ReactionEvent,
  RecordedRequest,
  Sandbox,
  SandboxOptions,
  SentMessage,
  Tapback,
  TrackingEvent,
} from './types';
export type { InboxMessage, InboxSnapshot, InboxThread } from './inbox/snapshot';
export { API_VERSION } from './envelope';
export {
  DEFAULT_CLI_PORT,
  DEFAULT_CLI_TOKEN,
  DEFAULT_ENTITLEMENTS,
  DEFAULT_PACING,
  DEFAULT_TIMING,
  DEFAULT_UNREACHABLE,
  defaultNumbers,
  leasedNumber,
} from './defaults';
