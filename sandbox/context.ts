import type { SandboxState } from './state';
import type { JsonObject } from './validate';

/** What a route handler sees: already routed, authenticated and (for POST) parsed. */
export interface Ctx {
  state: SandboxState;
  /** Decoded path parameters, in pattern order. */
  params: string[];
  query: URLSearchParams;
  /** The parsed JSON object for POST routes; {} for GET. */
  body: JsonObject;
}
