// Which links from a server may become something the user can click. A server (or a proxy in
// front of it) decides the text of an error; it must not decide where a click goes.

/** Hosts an entitlement agreement may live on besides the API's own: Contiguity's site and its subdomains. */
const CONTIGUITY_DOMAIN = 'contiguity.com';

/**
 * `raw` when it is an https:// URL on the API's host or on contiguity.com (or a subdomain), with no
 * credentials in it; otherwise undefined and the caller shows it as plain text.
 */
export function safeAgreementUrl(raw: string | undefined, apiUrl: string): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  let api: URL;
  try {
    url = new URL(raw);
    api = new URL(apiUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || /[\s\\]/.test(raw)) return undefined;
  const host = url.hostname.toLowerCase();
  const trusted = host === api.hostname.toLowerCase() || host === CONTIGUITY_DOMAIN || host.endsWith(`.${CONTIGUITY_DOMAIN}`);
  return trusted ? url.href : undefined;
}
