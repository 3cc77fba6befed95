import { timingSafeEqual, createHash } from 'node:crypto';

const SCHEME = /^(\S+) (\S+)$/;

// Schemes are matched exactly (not case-insensitively as RFC 7235 allows): the docs spell them
// `Bearer` and `Token`, and a client that sends anything else has a bug we want to see.
function problem(header: string | string[] | undefined, token: string, schemes: readonly string[]): string | null {
  if (header === undefined || header === '') return 'Missing Authorization header';
  if (Array.isArray(header)) return 'Send exactly one Authorization header';
  const m = SCHEME.exec(header);
  if (!m || !schemes.includes(m[1])) {
    return `Authorization must be ${schemes.map((s) => `"${s} <token>"`).join(' or ')}`;
  }
  return sameSecret(m[2], token) ? null : 'Invalid or revoked API token';
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function currentAuthProblem(header: string | string[] | undefined, token: string): string | null {
  return problem(header, token, ['Bearer', 'Token']);
}

/** The legacy docs only show `Token`. */
export function legacyAuthProblem(header: string | string[] | undefined, token: string): string | null {
  return problem(header, token, ['Token']);
}

/** For logs: the scheme survives, the secret never does. */
export function redactAuthorization(header: string | string[] | undefined): string {
  if (header === undefined) return 'none';
  if (Array.isArray(header)) return 'multiple';
  const scheme = /^\S+/.exec(header)?.[0];
  return scheme && /^[A-Za-z]{1,20}$/.test(scheme) && header.length > scheme.length ? `${scheme} <redacted>` : '<redacted>';
}
