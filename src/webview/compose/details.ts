// What the closed details section says about itself, so a From number or an attachment set there
// is never a surprise: "From +15550000001, 2 attachments, SMS fallback, fast track".
import type { Draft } from '../../shared/compose';

export function detailsSummary(draft: Pick<Draft, 'from' | 'attachments' | 'fallbackWhen' | 'fallbackFrom' | 'fastTrack'>): string {
  const parts: string[] = [];
  if (draft.from.trim()) parts.push(`From ${draft.from.trim()}`);
  const n = draft.attachments.length;
  if (n) parts.push(`${n} attachment${n === 1 ? '' : 's'}`);
  if (draft.fallbackWhen.length) parts.push(draft.fallbackFrom.trim() ? `SMS fallback from ${draft.fallbackFrom.trim()}` : 'SMS fallback');
  else if (draft.fallbackFrom.trim()) parts.push(`SMS from ${draft.fallbackFrom.trim()}`);
  if (draft.fastTrack) parts.push('fast track');
  return parts.join(', ');
}
