/**
 * GSM 03.38 default alphabet (3GPP TS 23.038), without national shift tables: phones and
 * gateways fall back to UCS-2 rather than assume a shift table the recipient may not have.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Sent as ESC + code, so each costs two septets. */
const EXTENSION = '\f^{}\\[~]|€';

const LATIN = new Uint8Array(256);
const OTHER = new Map<number, number>();
for (const [chars, septets] of [
  [BASIC, 1],
  [EXTENSION, 2],
] as const) {
  for (const ch of chars) {
    const code = ch.charCodeAt(0);
    if (code < 256) LATIN[code] = septets;
    else OTHER.set(code, septets);
  }
}

/** Septets a UTF-16 code unit costs in GSM-7, or 0 when it is outside the alphabet. */
export function gsmSeptets(codeUnit: number): number {
  return codeUnit < 256 ? LATIN[codeUnit] : (OTHER.get(codeUnit) ?? 0);
}

export const GSM_BASIC_CHARACTERS = BASIC;
export const GSM_EXTENSION_CHARACTERS = EXTENSION;
