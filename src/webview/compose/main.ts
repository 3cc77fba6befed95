// The compose panel's browser side. The host owns the draft and validates; this page renders the
// fields, the live preview (formatting engine bundled in) and the results, and reports every edit.
import type { Draft, HostMessage, NumbersState, SavedDraft, Suggestion, WebviewMessage } from '../../shared/compose';
import { connect } from '../common/host';
import { attachmentUrls, showAttachments, wireAttachments } from './attachments';
import { renderConversation, wireConversationKeys } from './conversation';
import { el, OTHER } from './elements';
import { detailsSummary } from './details';
import { countsText, markerPositions, markersSummary, previewModel } from './preview';
import { problems, renderProblems } from './problems';
import { isSending, showResult, showSending } from './result';
import { wireToolbar } from './toolbar';

let numbers: NumbersState = { status: 'loading' };
let smsView = false;
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
    attachments: attachmentUrls(),
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
  el.fallbackUnsupported.checked = draft.fallbackWhen.includes('imessage_unsupported');
  el.fallbackFails.checked = draft.fallbackWhen.includes('imessage_fails');
  setValue(el.fallbackFrom, draft.fallbackFrom);
  el.fastTrack.checked = draft.fastTrack;
  showFromOptions(draft.from);
  showAttachments(draft.attachments);
  page.saveState({ draft, revision });
  showDetailsSummary(draft);
  schedulePreview();
}

/**
 * Every edit goes into the page state at once, synchronously (a reload right after it finds it
 * there), and to the host, which stores it; a reload can cut that off, so both carry the revision.
 */
function changed(field: string) {
  problems.touch(field);
  const draft = readDraft();
  revision++;
  page.saveState({ draft, revision });
  page.post({ type: 'draft', draft, revision });
  showDetailsSummary(draft);
  schedulePreview();
  renderProblems();
}

/** The closed details section still says what in it is set. */
function showDetailsSummary(draft: Draft) {
  const text = detailsSummary(draft);
  if (el.detailsSummary.textContent !== text) el.detailsSummary.textContent = text;
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
  if (text === '') el.bubble.textContent = attachmentUrls().length ? '' : 'Your message appears here';
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
  for (const w of problems.warnings()) items.push(Object.assign(document.createElement('p'), { className: 'warning', textContent: w }));
  el.warnings.replaceChildren(...items);
  // Measured from the text to the DOM, for the UI test's responsiveness check.
  renders++;
  el.bubble.dataset.renderMs = (performance.now() - started).toFixed(3);
  el.bubble.dataset.renders = String(renders);
}

// ---- send ---------------------------------------------------------------------------------

function send() {
  problems.showAll();
  renderProblems();
  if (isSending()) return;
  showSending(false);
  page.post({ type: 'send', draft: readDraft(), revision });
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
      problems.set(message.validation);
      renderProblems();
      schedulePreview();
      break;
    case 'sending':
      showSending(true);
      break;
    case 'result':
      showResult(message.result, () => page.post({ type: 'showLog' }));
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
wireAttachments(changed);
wireToolbar(changed);
wireConversationKeys(el.conversation.list);
el.restore.addEventListener('click', () => page.post({ type: 'restoreReplaced' }));
el.form.addEventListener('submit', (e) => {
  e.preventDefault();
  send();
});
el.viewToggle.addEventListener('click', () => {
  smsView = !smsView;
  el.viewToggle.setAttribute('aria-pressed', String(smsView));
  el.viewToggle.textContent = smsView ? 'Show iMessage preview' : 'Show SMS fallback text';
  el.previewKind.textContent = smsView ? 'Draft · SMS fallback: no formatting, markers arrive as typed' : 'Draft · iMessage';
  renderPreview();
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
