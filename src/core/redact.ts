// The last line of defence for "the token never appears anywhere": every text that leaves the
// extension for a log, a notification or an export passes through here.
const TOKEN_SHAPE = /contiguity_sk_[A-Za-z0-9_-]+/g;
const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?(?:Bearer|Token)\s+)[^\s"',}]+/gi;
export const REDACTED = '«redacted»';

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out.replace(TOKEN_SHAPE, REDACTED).replace(AUTH_HEADER, `$1${REDACTED}`);
}
