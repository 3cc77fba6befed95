// The Send button's state and the outcome shown under it: "Sending…" until the host answers, then
// what was sent or why not (with the field at fault marked). The focus goes where the next step is:
// the cleared message box after a send, the field at fault or else the outcome after a failure.
import type { SendResultView } from '../../shared/compose';
import { el } from './elements';
import { problems, renderProblems, target } from './problems';

let sending = false;
/** Where the focus was when Send was pressed: the outcome moves it only if the user has not moved it since. */
let focusAtSend: Element | null = null;

export function isSending(): boolean {
  return sending;
}

export function showSending(announce: boolean) {
  if (!sending) focusAtSend = document.activeElement;
  sending = true;
  el.send.disabled = true;
  el.send.textContent = 'Sending…';
  if (!announce) return;
  el.result.className = 'result';
  el.result.replaceChildren(line('Sending…'));
}

/** `showLog` opens the extension's output, for the details. */
export function showResult(result: SendResultView, showLog: () => void) {
  sending = false;
  el.send.disabled = false;
  el.send.textContent = 'Send';
  el.result.replaceChildren();
  el.result.className = `result ${result.ok ? 'ok' : 'failed'}`;
  // Disabling the Send button took the focus from it (to the body).
  const moveFocus = document.activeElement === focusAtSend || document.activeElement === document.body || !document.activeElement;
  if (result.ok) {
    problems.reset();
    renderProblems();
    const time = new Date(result.timestamp).toLocaleTimeString();
    const parts = [`Sent to ${result.to} at ${time}.`];
    if (result.messageId) parts.push(`Message id ${result.messageId}.`);
    if (result.apiVersion) parts.push(`API ${result.apiVersion}.`);
    el.result.append(line(parts.join(' ')));
    el.result.append(button('Show Output', showLog));
    if (moveFocus) el.message.focus();
    return;
  }
  const text = result.mayHaveBeenSent ? `${result.message} Your draft is kept.` : `${result.message} Nothing was sent; your draft is kept.`;
  el.result.append(line(text));
  if (result.agreementUrl) {
    const link = Object.assign(document.createElement('a'), { href: result.agreementUrl, textContent: 'Open the entitlement agreement' });
    el.result.append(link);
  }
  el.result.append(button('Show Output', showLog));
  if (result.field) {
    const reason = result.message
      .replace(/^Not sent: /, '')
      .replace(new RegExp(`^${result.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `), '');
    problems.add(result.field, reason.replace(/\.$/, ''));
    renderProblems();
  }
  const control = result.field ? target(result.field).control : undefined;
  if (moveFocus) (control ?? el.result).focus();
}

function line(text: string): HTMLElement {
  return Object.assign(document.createElement('p'), { textContent: text });
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: text });
  b.addEventListener('click', onClick);
  return b;
}
