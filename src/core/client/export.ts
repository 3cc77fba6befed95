// The dry run and the cURL export: a planned send written out as text. Both take the headers and
// body bytes from http.ts, so they show exactly what the transport sends; neither ever holds a token.
import { REDACTED, redact } from '../redact';
import { encodeBody, requestHeaders } from './http';
import type { WireSend } from './request';

export const TOKEN_ENV = 'CONTIGUITY_TOKEN';

export function requestUrl(baseUrl: string, wire: WireSend): string {
  return baseUrl.replace(/\/+$/, '') + wire.path;
}

/** The HTTP request as it goes out, the token masked. */
export function dryRunText(baseUrl: string, wire: WireSend): string {
  const headers = requestHeaders(`${wire.scheme} ${REDACTED}`, wire.body !== undefined);
  const lines = [`${wire.method} ${requestUrl(baseUrl, wire)}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (wire.body !== undefined) lines.push('', exportedBody(wire.body));
  return lines.join('\n');
}

/** A POSIX shell command that sends the same request, reading the token from $CONTIGUITY_TOKEN. */
export function curlCommand(baseUrl: string, wire: WireSend): string {
  // `:?` makes the shell stop with a message instead of sending an empty token.
  const headers = requestHeaders(`${wire.scheme} \${${TOKEN_ENV}:?set ${TOKEN_ENV} to your Contiguity API token}`, wire.body !== undefined);
  const lines = [`curl --silent --show-error --request ${wire.method} ${shellQuote(requestUrl(baseUrl, wire))}`];
  for (const [name, value] of Object.entries(headers)) {
    // Double quotes only where the shell must expand the variable; everything else is literal.
    lines.push(`--header ${name === 'Authorization' ? `"${name}: ${value}"` : shellQuote(`${name}: ${value}`)}`);
  }
  if (wire.body !== undefined) lines.push(`--data-raw ${shellQuote(exportedBody(wire.body))}`);
  return lines.join(' \\\n  ');
}

/** The body's bytes, with the token removed should the user's own text quote it: an export never carries it. */
function exportedBody(body: unknown): string {
  return redact(encodeBody(body));
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
