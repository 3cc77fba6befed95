// What the preview shows for a message, computed by the same formatting engine the extension uses.
import { consumedMarkers, countCharacters, parse, renderHtml, smsSegments, type ConsumedMarker, type SmsSegments } from '../../core/format';

export interface PreviewModel {
  /** Safe to assign to innerHTML: user text is escaped; the only tags are b, i, s, u, br. */
  html: string;
  markers: ConsumedMarker[];
  characters: number;
  sms: SmsSegments;
}

/** Parsed once, rendered and scanned from the same tree. */
export function previewModel(text: string): PreviewModel {
  const tree = parse(text);
  return { html: renderHtml(tree), markers: consumedMarkers(tree), characters: countCharacters(text), sms: smsSegments(text) };
}

const STYLE_NAMES: Record<ConsumedMarker['style'], string> = {
  bold: 'bold',
  italic: 'italic',
  strike: 'strikethrough',
  underline: 'underline',
};

export function countsText(model: PreviewModel): string {
  const { characters, sms } = model;
  const chars = `${characters} character${characters === 1 ? '' : 's'}`;
  if (sms.segments === 0) return `${chars} · SMS fallback: nothing to send`;
  const unit = sms.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units';
  return `${chars} · SMS fallback: ${sms.segments} segment${sms.segments === 1 ? '' : 's'} (${sms.encoding}, ${sms.units} ${unit}, ${sms.perSegment} per segment)`;
}

/** "8 markers become formatting: ** bold ×2, _ italic ×2, …" — so markers eaten by accident are seen. */
export function markersSummary(markers: ConsumedMarker[]): string {
  if (markers.length === 0) return '';
  const groups = new Map<string, number>();
  for (const m of markers) {
    const key = `${m.marker} ${STYLE_NAMES[m.style]}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const parts = [...groups].map(([key, n]) => `${key} ×${n}`);
  return `${markers.length} marker${markers.length === 1 ? '' : 's'} will not appear; Messages turns them into formatting: ${parts.join(', ')}.`;
}

/** Line and column (1-based) of each of the first `limit` markers, for the details list. */
export function markerPositions(text: string, markers: ConsumedMarker[], limit = 50): string[] {
  const out: string[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of markers.slice(0, limit)) {
    for (; scanned < m.start; scanned++) {
      if (text[scanned] === '\n') {
        line++;
        lineStart = scanned + 1;
      }
    }
    out.push(`line ${line}, column ${m.start - lineStart + 1}: ${m.marker} (${STYLE_NAMES[m.style]})`);
  }
  return out;
}

/** The file name an attachment chip shows; nothing is fetched. */
export function attachmentName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
  } catch {
    return url;
  }
}
