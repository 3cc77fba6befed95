// The sandbox's public surface. Nothing here may import from src/: see types.ts.
export { startSandbox } from './server';
export type {
  EntitlementName,
  EntitlementStatus,
  FallbackWhen,
  Fault,
  LeasedNumber,
  LeaseStatus,
  NumberChannel,
  PacingOptions,
  RecordedRequest,
  Sandbox,
  SandboxOptions,
  SentMessage,
} from './types';
export { API_VERSION } from './envelope';
export {
  DEFAULT_CLI_PORT,
  DEFAULT_CLI_TOKEN,
  DEFAULT_ENTITLEMENTS,
  DEFAULT_PACING,
  DEFAULT_UNREACHABLE,
  defaultNumbers,
  leasedNumber,
} from './defaults';
