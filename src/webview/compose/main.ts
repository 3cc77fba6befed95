// The compose panel's browser side. The host owns the draft and validates; this page renders the
// fields, the live preview (formatting engine bundled in) and the results, and reports every edit.
import type {
  Draft,
  HostMessage,
  SavedDraft,
  NumbersState,
  SendResultView,
  Suggestion,
  Validation,
  WebviewMessage,
} from '../../shared/compose';
import { connect } from '../common/host';
import { renderConversation } from './conversation';
import { attachmentName, countsText, markerPositions, markersSummary, previewModel } from './preview';
import { shortcutMarker, toggleMarker } from './wrap';

const OTHER = '__other__';

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = {
  form: byId<HTMLFormElement>('form'),
  to: byId<HTMLInputElement>('to'),
  toSuggestions: byId<HTMLDataListElement>('to-suggestions'),
  fromChoice: byId<HTMLSelectElement>('from-choice'),
  fromCustom: byId<HTMLInputElement>('from-custom'),
  fromReload: byId<HTMLButtonElement>('from-reload'),
  fromStatus: byId('from-status'),
  message: byId<HTMLTextAreaElement>('message'),
  toolbar: document.querySelector<HTMLElement>('.toolbar')!,
  attachmentList: byId<HTMLUListElement>('attachment-list'),
  attachmentInput: byId<HTMLInputElement>('attachment-input'),
  attachmentAdd: byId<HTMLButtonElement>('attachment-add'),
  fallbackUnsupported: byId<HTMLInputElement>('fallback-unsupported'),
  fallbackFails: byId<HTMLInputElement>('fallback-fails'),
  fallbackFrom: byId<HTMLInputElement>('fallback-from'),
  fastTrack: byId<HTMLInputElement>('fast-track'),
  legacyNote: byId('legacy-note'),
  replaced: byId('replaced'),
  restore: byId<HTMLButtonElement>('restore'),
  send: byId<HTMLButtonElement>('send'),
  result: byId('result'),
  viewToggle: byId<HTMLButtonElement>('view-toggle'),
  previewKind: byId('preview-kind'),
  bubble: byId('bubble'),
  chips: byId<HTMLUListElement>('chips'),
  counts: byId('counts'),
  warnings: byId('warnings'),
  conversation: {
    section: byId('conversation'),
    title: byId('conversation-title'),
    unread: byId('conversation-unread'),
    error: byId('conversation-error'),
    list: byId('conversation-list'),
  },
};

let attachments: string[] = [];
let validation: Validation = { problems: {}, hints: {}, warnings: [] };
let numbers: NumbersState = { status: 'loading' };
let sending = false;
let smsView = false;
/** Problems show for fields the user has touched, and for all of them once Send was pressed. */
const touched = new Set<string>();
let showAllProblems = false;
let renders = 0;
/** The draft's revision (see `draftRevision`): one more per edit here, the host's after its own changes. */
let revision = 0;

// ---- the draft ----------------------------------------------------------------------------

function readDraft(): Draft {
  const fallbackWhen: Draft['fallbackWhen'] = [];
  if (el.fallbackUnsupported.checked) fallbackWhen.push('imessage_unsupported');
  if (el.fallbackFails.checked) fallbackWhen.push('imessage_fails');
  return {
    to: el.to.value,
    from: el.fromChoice.value === OTHER ? el.fromCustom.value : el.fromChoice.value,
    message: el.message.value,
    attachments: [...attachments],
    fallbackWhen,
    fallbackFrom: el.fallbackFrom.value,
    fastTrack: el.fastTrack.checked,
  };
}

/** Sets a field only when it differs, so a refresh from the host never moves the caret. */
function setValue(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  if (input.value !== value) input.value = value;
}

function showDraft(draft: Draft, hostRevision: number) {
  revision = hostRevision;
  setValue(el.to, draft.to);
  setValue(el.message, draft.message);
  attachments = [...draft.attachments];
  el.fallbackUnsupported.checked = draft.fallbackWhen.includes('imessage_unsupported');
  el.fallbackFails.checked = draft.fallbackWhen.includes('imessage_fails');
  setValue(el.fallbackFrom, draft.fallbackFrom);
  el.fastTrack.checked = draft.fastTrack;
  showFromOptions(draft.from);
  renderAttachments();
  page.saveState({ draft, revision });
  schedulePreview();
}

/**
 * Every edit goes into the page state at once, synchronously (a reload right after it finds it
 * there), and to the host, which stores it; a reload can cut that off, so both carry the revision.
 */
function changed(field: string) {
  touched.add(field);
  const draft = readDraft();
  revision++;
  page.saveState({ draft, revision });
  page.post({ type: 'draft', draft, revision });
  schedulePreview();
  renderProblems();
}

// ---- From ---------------------------------------------------------------------------------

function showFromOptions(from: string) {
  const listed = numbers.status === 'ok' ? numbers.numbers : [];
  const options: Array<[string, string]> = [
    ['', 'Let Contiguity choose'],
    ...listed.map((n): [string, string] => [n.e164, n.label]),
    [OTHER, 'Type a number…'],
  ];
  el.fromChoice.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
  const known = from === '' || listed.some((n) => n.e164 === from);
  el.fromChoice.value = known ? from : OTHER;
  el.fromCustom.hidden = known;
  if (!known) setValue(el.fromCustom, from);
  el.fromStatus.textContent =
    numbers.status === 'loading'
      ? 'Loading your leased numbers…'
      : numbers.status === 'error'
        ? numbers.message
        : numbers.numbers.length === 0
          ? 'None of your leased numbers is active with iMessage: type a number, or let Contiguity choose.'
          : `${numbers.numbers.length} leased iMessage number${numbers.numbers.length === 1 ? '' : 's'} available.`;
  el.fromStatus.classList.toggle('warning', numbers.status === 'error');
}

// ---- attachments --------------------------------------------------------------------------

function addAttachment() {
  const url = el.attachmentInput.value.trim();
  if (url === '') return;
  attachments.push(url);
  el.attachmentInput.value = '';
  renderAttachments();
  changed(`attachments[${attachments.length - 1}]`);
}

function removeAttachment(index: number) {
  attachments.splice(index, 1);
  // Indices moved: what was touched is no longer the same URL.
  for (const f of [...touched]) if (f.startsWith('attachments[')) touched.delete(f);
  renderAttachments();
  changed('attachments');
  const next = el.attachmentList.querySelectorAll<HTMLButtonElement>('button')[Math.min(index, attachments.length - 1)];
  (next ?? el.attachmentInput).focus();
}

function renderAttachments() {
  el.attachmentList.replaceChildren(
    ...attachments.map((url, i) => {
      const li = document.createElement('li');
      const text = document.createElement('span');
      text.className = 'url';
      text.textContent = url;
      text.id = `attachment-${i}`;
      const error = document.createElement('div');
      error.className = 'error';
      error.id = `attachments[${i}]-error`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove attachment ${i + 1}: ${url}`);
      remove.setAttribute('aria-describedby', error.id);
      remove.addEventListener('click', () => removeAttachment(i));
      li.append(text, remove, error);
      return li;
    }),
  );
  el.chips.replaceChildren(
    ...attachments.map((url) => {
      const chip = document.createElement('li');
      chip.className = 'chip';
      chip.textContent = attachmentName(url);
      chip.title = url;
      return chip;
    }),
  );
  renderProblems();
}

// ---- preview ------------------------------------------------------------------------------

let previewPending = false;
function schedulePreview() {
  if (previewPending) return;
  previewPending = true;
  // Several edits in one frame (a paste, a held key) render once.
  requestAnimationFrame(() => {
    previewPending = false;
    renderPreview();
  });
}

function renderPreview() {
  const started = performance.now();
  const text = el.message.value;
  const model = previewModel(text);
  el.bubble.classList.toggle('sms', smsView);
  el.bubble.classList.toggle('imessage', !smsView);
  el.bubble.classList.toggle('empty', text === '');
  if (text === '') el.bubble.textContent = attachments.length ? '' : 'Your message appears here';
  else if (smsView) el.bubble.textContent = text;
  else el.bubble.innerHTML = model.html;
  el.counts.textContent = countsText(model);

  const summary = markersSummary(model.markers);
  const items: HTMLElement[] = [];
  if (summary && !smsView) {
    const details = document.createElement('details');
    const head = document.createElement('summary');
    head.textContent = summary;
    const list = document.createElement('ul');
    list.append(...markerPositions(text, model.markers).map((p) => Object.assign(document.createElement('li'), { textContent: p })));
    if (model.markers.length > 50) {
      list.append(Object.assign(document.createElement('li'), { textContent: `… and ${model.markers.length - 50} more` }));
    }
    details.append(head, list);
    items.push(details);
  }
  for (const w of validation.warnings) items.push(Object.assign(document.createElement('p'), { className: 'warning', textContent: w }));
  el.warnings.replaceChildren(...items);
  // Measured from the text to the DOM, for the UI test's responsiveness check.
  renders++;
  el.bubble.dataset.renderMs = (performance.now() - started).toFixed(3);
  el.bubble.dataset.renders = String(renders);
}

// ---- validation and results ---------------------------------------------------------------

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
function target(field: string): { error: HTMLElement; control?: HTMLElement } {
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
  return showAllProblems || touched.has(field) || (field.startsWith('fallback') && touched.has('fallback'));
}

function renderProblems() {
  for (const node of document.querySelectorAll<HTMLElement>('.error')) node.textContent = '';
  for (const node of document.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const [field, problem] of Object.entries(validation.problems)) {
    if (!problem || !touchedField(field)) continue;
    const { error, control } = target(field);
    const name = label(field);
    error.textContent = name ? `${name} ${problem}` : problem;
    control?.setAttribute('aria-invalid', 'true');
  }
  byId('to-hint').textContent = validation.problems.to === undefined && validation.hints.to ? `Sends to ${validation.hints.to}` : '';
  byId('from-hint').textContent =
    validation.problems.from === undefined && validation.hints.from && el.fromChoice.value === OTHER
      ? `Sends from ${validation.hints.from}`
      : '';
  byId('fallback-from-hint').textContent = validation.hints['fallback.from'] ? `SMS from ${validation.hints['fallback.from']}` : '';
}

function showResult(result: SendResultView) {
  sending = false;
  el.send.disabled = false;
  el.send.textContent = 'Send';
  el.result.replaceChildren();
  el.result.className = `result ${result.ok ? 'ok' : 'failed'}`;
  if (result.ok) {
    // A fresh (cleared) draft: nothing the user has touched yet.
    touched.clear();
    showAllProblems = false;
    renderProblems();
    const time = new Date(result.timestamp).toLocaleTimeString();
    const parts = [`Sent to ${result.to} at ${time}.`];
    if (result.messageId) parts.push(`Message id ${result.messageId}.`);
    if (result.apiVersion) parts.push(`API ${result.apiVersion}.`);
    el.result.append(line(parts.join(' ')));
    el.result.append(button('Show Output', () => page.post({ type: 'showLog' })));
    return;
  }
  const text = result.mayHaveBeenSent ? `${result.message} Your draft is kept.` : `${result.message} Nothing was sent; your draft is kept.`;
  el.result.append(line(text));
  if (result.agreementUrl) {
    const link = Object.assign(document.createElement('a'), { href: result.agreementUrl, textContent: 'Open the entitlement agreement' });
    el.result.append(link);
  }
  el.result.append(button('Show Output', () => page.post({ type: 'showLog' })));
  if (result.field) {
    const reason = result.message
      .replace(/^Not sent: /, '')
      .replace(new RegExp(`^${result.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `), '');
    validation = { ...validation, problems: { ...validation.problems, [result.field]: reason.replace(/\.$/, '') } };
    showAllProblems = true;
    renderProblems();
    target(result.field).control?.focus();
  }
}

function line(text: string): HTMLElement {
  return Object.assign(document.createElement('p'), { textContent: text });
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: text });
  b.addEventListener('click', onClick);
  return b;
}

function send() {
  showAllProblems = true;
  renderProblems();
  if (sending) return;
  sending = true;
  el.send.disabled = true;
  el.send.textContent = 'Sending…';
  page.post({ type: 'send', draft: readDraft(), revision });
}

// ---- formatting -----------------------------------------------------------------------------

function applyMarker(marker: string) {
  const area = el.message;
  const edit = toggleMarker(area.value, area.selectionStart, area.selectionEnd, marker);
  area.focus();
  area.setSelectionRange(edit.from, edit.to);
  // insertText keeps the edit on the textarea's undo stack; it fires `input` itself.
  if (!document.execCommand('insertText', false, edit.text)) {
    area.setRangeText(edit.text, edit.from, edit.to);
    changed('message');
  }
  area.setSelectionRange(edit.selectionStart, edit.selectionEnd);
}

// ---- host messages --------------------------------------------------------------------------

function renderSuggestions(suggestions: Suggestion[]) {
  el.toSuggestions.replaceChildren(
    ...suggestions.map((s) => {
      const option = new Option(s.detail, s.value);
      option.label = s.detail;
      return option;
    }),
  );
}

function receive(message: HostMessage) {
  switch (message.type) {
    case 'init':
      el.form.inert = false;
      numbers = message.numbers;
      el.legacyNote.hidden = !message.legacy;
      el.replaced.hidden = !message.replaced;
      renderSuggestions(message.suggestions);
      showDraft(message.draft, message.revision);
      break;
    case 'draft':
      el.replaced.hidden = !message.replaced;
      showDraft(message.draft, message.revision);
      break;
    case 'numbers':
      numbers = message.numbers;
      showFromOptions(readDraft().from);
      break;
    case 'suggestions':
      renderSuggestions(message.suggestions);
      break;
    case 'validation':
      validation = message.validation;
      renderProblems();
      schedulePreview();
      break;
    case 'sending':
      sending = true;
      el.send.disabled = true;
      el.send.textContent = 'Sending…';
      el.result.className = 'result';
      el.result.replaceChildren(line('Sending…'));
      break;
    case 'result':
      showResult(message.result);
      break;
    case 'thread':
      renderConversation(el.conversation, message.thread, (m) => page.post(m));
      break;
  }
}

// ---- typing indicator -----------------------------------------------------------------------

/** The host sends one start per burst and ends it after a pause; the page reports at most every few seconds. */
const TYPING_REPORT_MS = 3_000;
let typingReported = 0;
function typing() {
  if (el.message.value === '') return stopTyping();
  if (Date.now() - typingReported < TYPING_REPORT_MS) return;
  typingReported = Date.now();
  page.post({ type: 'typing', active: true });
}
function stopTyping() {
  if (typingReported === 0) return;
  typingReported = 0;
  page.post({ type: 'typing', active: false });
}

// ---- events ---------------------------------------------------------------------------------

el.to.addEventListener('input', () => changed('to'));
el.message.addEventListener('input', () => {
  changed('message');
  typing();
});
el.message.addEventListener('blur', () => stopTyping());
el.fromChoice.addEventListener('change', () => {
  el.fromCustom.hidden = el.fromChoice.value !== OTHER;
  if (!el.fromCustom.hidden) el.fromCustom.focus();
  changed('from');
});
el.fromCustom.addEventListener('input', () => changed('from'));
el.fromReload.addEventListener('click', () => page.post({ type: 'reloadNumbers' }));
for (const box of [el.fallbackUnsupported, el.fallbackFails]) box.addEventListener('change', () => changed('fallback'));
el.fallbackFrom.addEventListener('input', () => changed('fallback.from'));
el.fastTrack.addEventListener('change', () => changed('fast_track'));
el.attachmentAdd.addEventListener('click', addAttachment);
el.attachmentInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    addAttachment();
  }
});
el.restore.addEventListener('click', () => page.post({ type: 'restoreReplaced' }));
el.form.addEventListener('submit', (e) => {
  e.preventDefault();
  send();
});
el.viewToggle.addEventListener('click', () => {
  smsView = !smsView;
  el.viewToggle.setAttribute('aria-pressed', String(smsView));
  el.viewToggle.textContent = smsView ? 'Show iMessage preview' : 'Show SMS fallback text';
  el.previewKind.textContent = smsView ? 'SMS fallback: no formatting, markers arrive as typed' : 'iMessage';
  renderPreview();
});

// The toolbar is one tab stop; arrow keys move between its buttons (WAI-ARIA toolbar pattern).
const tools = [...el.toolbar.querySelectorAll<HTMLButtonElement>('button')];
tools.forEach((tool, i) => {
  tool.tabIndex = i === 0 ? 0 : -1;
  tool.addEventListener('click', () => applyMarker(tool.dataset.marker!));
  tool.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const jump = e.key === 'Home' ? 0 : e.key === 'End' ? tools.length - 1 : undefined;
    if (!step && jump === undefined) return;
    e.preventDefault();
    const next = tools[jump ?? (i + step + tools.length) % tools.length]!;
    tools.forEach((t) => (t.tabIndex = t === next ? 0 : -1));
    next.focus();
  });
});

el.message.addEventListener('keydown', (e) => {
  const marker = shortcutMarker(e);
  if (!marker) return;
  e.preventDefault();
  // Otherwise the workbench also sees the keys (Ctrl+B would toggle the side bar).
  e.stopPropagation();
  applyMarker(marker);
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.stopPropagation();
    send();
  }
});

// The host's draft is the one truth: the form stays inert until it arrives, so nothing typed
// into empty fields can be posted over it. (After a reload the host compares it with the page state.)
schedulePreview();
const page = connect<HostMessage, WebviewMessage, SavedDraft>(receive);
