// What the user is told about a failure, and what they can do next. Pure, so that every surface
// (notification, compose panel, payload tester) explains errors the same way.
import { redactedMessage } from '../redact';
import { cleanText } from '../untrusted-text';
import { AuthError, ContiguityError, MissingTokenError, RateLimitedError, UnsendableRequestError, ValidationError } from './errors';

export type ErrorAction = 'setToken' | 'openAgreement' | 'openSettings' | 'retry' | 'showLog';

export interface Explanation {
  message: string;
  actions: ErrorAction[];
  /** The link behind `openAgreement`. */
  agreementUrl?: string;
  /** The setting behind `openSettings`. */
  setting?: string;
}

export function explain(error: unknown): Explanation {
  if (!(error instanceof ContiguityError)) {
    return { message: `Unexpected error: ${redactedMessage(error)}`, actions: ['showLog'] };
  }
  if (error instanceof MissingTokenError) return { message: error.message, actions: ['setToken'] };
  if (error instanceof ValidationError) {
    const setting = error.field.startsWith('imessage.') ? error.field : undefined;
    return { message: `Not sent: ${error.message}.`.replace(/\.\.$/, '.'), actions: setting ? ['openSettings'] : [], setting };
  }
  if (error instanceof UnsendableRequestError) {
    return error.part === 'header'
      ? { message: error.message, actions: ['setToken', 'showLog'] }
      : { message: error.message, actions: ['openSettings', 'showLog'], setting: 'imessage.api.baseUrl' };
  }
  if (error instanceof AuthError) {
    // The server's words, cut short: what follows them (the agreement, what to do) must stay in view.
    const said = cleanText(error.message, { max: 300 });
    if (error.agreementUrl) {
      return {
        message: `Not sent: your Contiguity account lacks an entitlement this needs (${said}). Accept the agreement, then retry.`,
        actions: ['openAgreement', 'showLog'],
        agreementUrl: error.agreementUrl,
      };
    }
    if (error.agreementText) {
      // A link that is not https:// on Contiguity's or the API's host is shown, never opened.
      return {
        message: `Not sent: your account lacks an entitlement this needs (${said}). The server named an agreement at ${JSON.stringify(error.agreementText)}, which is not an https:// page of Contiguity or the API host, so it is not offered as a link.`,
        actions: ['showLog'],
      };
    }
    return {
      message: `Not sent: Contiguity refused the API token (${said}). Set a valid token.`,
      actions: ['setToken', 'showLog'],
    };
  }
  if (error instanceof RateLimitedError) {
    const wait = error.retryAfterMs === undefined ? '' : ` Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.`;
    return { message: `${error.message}${wait}`, actions: ['retry', 'showLog'] };
  }
  // Everything else is a transport or server failure: the message already says whether it may have been sent.
  return { message: error.message, actions: ['retry', 'showLog'] };
}
