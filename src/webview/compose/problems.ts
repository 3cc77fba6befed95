// What is wrong with the fields, shown beside each. The host validates; the page shows a field's
// problem once the user has touched the field, and every problem once Send was pressed.
import type { Validation } from '../../shared/compose';
import { byId, el, OTHER } from './elements';

let validation: Validation = { problems: {}, hints: {}, warnings: [] };
const touched = new Set<string>();
let showAll = false;

export const problems = {
  warnings: (): readonly string[] => validation.warnings,
  set(next: Validation) {
    validation = next;
  },
  touch(field: string) {
    touched.add(field);
  },
  /** After a removal the indices moved: what was touched is no longer the same URL. */
  forgetAttachments() {
    for (const f of [...touched]) if (f.startsWith('attachments[')) touched.delete(f);
  },
  showAll() {
    showAll = true;
  },
  /** A fresh (cleared) draft: nothing the user has touched yet. */
  reset() {
    touched.clear();
    showAll = false;
  },
  /** A problem the host found when sending, shown at once. */
  add(field: string, reason: string) {
    validation = { ...validation, problems: { ...validation.problems, [field]: reason } };
    showAll = true;
  },
};

const LABELS: Record<string, string> = {
  to: 'To',
  from: 'From',
  message: 'Message',
  attachments: 'Attachments',
  'fallback.from': 'SMS from',
  'fallback.when': 'Fallback',
  fallback: 'Fallback',
  fast_track: 'Fast track',
};

function label(field: string): string {
  const attachment = /^attachments\[(\d+)\]$/.exec(field);
  if (attachment) return `Attachment ${Number(attachment[1]) + 1}`;
  return LABELS[field] ?? '';
}

/** Where a field's problem is shown, and the control it belongs to. */
export function target(field: string): { error: HTMLElement; control?: HTMLElement } {
  const at = (id: string, control?: HTMLElement) => ({ error: byId(id), control });
  if (field === 'to') return at('to-error', el.to);
  if (field === 'from') return at('from-error', el.fromChoice.value === OTHER ? el.fromCustom : el.fromChoice);
  if (field === 'message') return at('message-error', el.message);
  if (field === 'attachments') return at('attachments-error', el.attachmentInput);
  if (field.startsWith('attachments[')) {
    const error = byId(`${field}-error`);
    if (error) return { error, control: error.parentElement?.querySelector('button') ?? undefined };
    return at('attachments-error', el.attachmentInput);
  }
  if (field.startsWith('fallback')) return at('fallback-error', el.fallbackFrom);
  if (field === 'fast_track') return at('fast_track-error', el.fastTrack);
  return at('request-error');
}

function touchedField(field: string): boolean {
  return showAll || touched.has(field) || (field.startsWith('fallback') && touched.has('fallback'));
}

export function renderProblems() {
  for (const node of document.querySelectorAll<HTMLElement>('.error')) node.textContent = '';
  for (const node of document.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const [field, problem] of Object.entries(validation.problems)) {
    if (!problem || !touchedField(field)) continue;
    const { error, control } = target(field);
    const name = label(field);
    error.textContent = name ? `${name} ${problem}` : problem;
    control?.setAttribute('aria-invalid', 'true');
    // A problem is never hidden in the closed details section.
    if (el.details.contains(error)) el.details.open = true;
  }
  byId('to-hint').textContent = validation.problems.to === undefined && validation.hints.to ? `Sends to ${validation.hints.to}` : '';
  byId('from-hint').textContent =
    validation.problems.from === undefined && validation.hints.from && el.fromChoice.value === OTHER
      ? `Sends from ${validation.hints.from}`
      : '';
  byId('fallback-from-hint').textContent = validation.hints['fallback.from'] ? `SMS from ${validation.hints['fallback.from']}` : '';
}
