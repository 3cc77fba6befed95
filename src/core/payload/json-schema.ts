// The JSON Schema of `*.imessage.json` payload files, generated from the zod request schema at
// build time (esbuild.js writes dist/payload.schema.json). Validation comes only from zod; what is
// added here is documentation for hovers. Rules zod checks in code (https attachments, "message
// unless attachments", legacy limits) cannot be expressed here: the payload check reports them.
import * as z from '../zod';
import { sendIMessageRequest } from '../schema';

const FIELD_DOCS: Record<string, string> = {
  to: 'Recipient in E.164 with country code, like `+14155552671`. An iCloud email address is tolerated but delivery is unpredictable.',
  from: 'A leased iMessage number (E.164) to send from. Omit it (or set `imessage.from`) to let Contiguity pick one of your numbers; `null` forces that even when `imessage.from` is set.',
  message:
    'The text. Required unless `attachments` is non-empty. iMessage renders `**bold**`, `_italics_`, `~~strike~~` and `__underline__`.',
  fallback:
    'Fall back to SMS/RCS: `when` lists the conditions (`imessage_unsupported`, `imessage_fails`), `from` the number to fall back from. The legacy API only carries `{ "when": ["imessage_fails"] }`.',
  attachments: 'Up to 10 `https://` URLs whose path ends in a file extension, 50 MB in total. Not available with the legacy API.',
  fast_track:
    'Bypass the recommended rate limiting (leased numbers only; needs the Fast Track entitlement). Not available with the legacy API.',
};

const FALLBACK_DOCS: Record<string, string> = {
  when: 'When to fall back: `imessage_unsupported` (the recipient has no iMessage) and/or `imessage_fails` (delivery failed).',
  from: 'The number (E.164) to send the SMS/RCS fallback from.',
};

type Json = Record<string, unknown>;

export function payloadJsonSchema(): Json {
  const schema = z.toJSONSchema(sendIMessageRequest, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Json;
  const properties = schema.properties as Record<string, Json>;
  for (const [name, doc] of Object.entries(FIELD_DOCS)) describe(properties[name], doc);
  const fallbackObject = (properties.fallback?.anyOf as Json[] | undefined)?.find((s) => s.type === 'object');
  for (const [name, doc] of Object.entries(FALLBACK_DOCS)) {
    describe((fallbackObject?.properties as Record<string, Json> | undefined)?.[name], doc);
  }
  return {
    ...schema,
    title: 'iMessage payload',
    description: 'A Contiguity POST /send/imessage request body (iMessage Sender payload file).',
  };
}

function describe(target: Json | undefined, markdown: string) {
  if (!target) throw new Error(`the request schema has no field documented as: ${markdown}`);
  target.markdownDescription = markdown;
  target.description = markdown.replace(/`/g, '');
}
