// What a token must be to travel in an HTTP header. Checked when it is set, so a token that can
// never work is refused with a reason instead of failing (or being mangled) on every send.
import { describeForbiddenChar } from './limits';

/** Outside visible ASCII and space: line breaks, NUL, other controls, anything non-ASCII. */
const NOT_HEADER_SAFE = /[^\x20-\x7e]/u;

/** Why `token` cannot be sent as an Authorization header, or undefined. Never quotes the token. */
export function tokenHeaderProblem(token: string): string | undefined {
  const where = describeForbiddenChar(token, NOT_HEADER_SAFE);
  return where && `contains ${where}, so it cannot be sent in an HTTP header. Copy the token again from the Contiguity console`;
}
