// The compose page's markup and labels; the shell (CSP, script, stylesheet) is ui/webview.ts.
// Behaviour is dist/webview/compose.js, looks are media/compose.css.
import type * as vscode from 'vscode';
import { pageHtml } from '../../ui/webview';

export function composeHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return pageHtml(webview, extensionUri, { name: 'compose', title: 'Compose iMessage', body: BODY });
}

const BODY = `<main class="compose">
  <h1 id="page-title" class="visually-hidden">New iMessage</h1>
  <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
  <form id="form" class="chat" novalidate aria-label="New iMessage" inert>
    <header class="head">
      <div class="field" data-field="to">
        <div class="row">
          <label for="to">To</label>
          <input id="to" name="to" list="to-suggestions" autocomplete="off" spellcheck="false" aria-describedby="to-error to-hint" placeholder="Contact name, +14155552671 or iCloud email">
        </div>
        <datalist id="to-suggestions"></datalist>
        <div id="to-error" class="error"></div>
        <div id="to-hint" class="hint"></div>
      </div>
      <div class="conversation-head">
        <h2 id="conversation-title"></h2>
        <span id="conversation-unread" class="badge"></span>
      </div>
    </header>

    <div id="scroller" class="scroller">
      <div class="scroll-content">
        <section id="conversation" class="conversation" aria-labelledby="conversation-title" hidden>
          <p id="conversation-error" class="error" role="status"></p>
          <ol id="conversation-list" class="messages" aria-label="Messages" aria-describedby="conversation-keys"></ol>
          <p id="conversation-keys" class="visually-hidden">Up and Down arrows move between messages; Enter reacts with a tapback.</p>
        </section>
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title" class="visually-hidden">Draft</h2>
          <div id="preview-kind" class="kind">Draft · iMessage</div>
          <div id="bubble" class="bubble imessage" aria-label="Message preview" role="document"></div>
          <ul id="chips" class="chips" aria-label="Attachments in the preview"></ul>
          <div id="warnings" class="warnings"></div>
        </section>
      </div>
    </div>

    <div class="composer">
      <details id="details" class="details">
        <summary>Details<span id="details-summary" class="summary-state"></span></summary>
        <div class="details-body">
          <div class="field" data-field="from">
            <label for="from-choice">From</label>
            <div class="row">
              <select id="from-choice" aria-describedby="from-status from-error">
                <option value="">Let Contiguity choose</option>
              </select>
              <button type="button" id="from-reload" class="secondary" aria-label="Reload leased numbers">Reload</button>
            </div>
            <input id="from-custom" hidden autocomplete="off" spellcheck="false" aria-label="From number" aria-describedby="from-error from-hint" placeholder="+15551234567">
            <div id="from-error" class="error"></div>
            <div id="from-hint" class="hint"></div>
            <div id="from-status" class="hint" aria-live="polite"></div>
          </div>

          <fieldset class="field" data-field="attachments">
            <legend>Attachments</legend>
            <ul id="attachment-list" class="attachments" aria-label="Attachments"></ul>
            <div class="row">
              <input id="attachment-input" type="url" autocomplete="off" spellcheck="false" aria-label="Attachment URL" aria-describedby="attachments-error attachments-hint" placeholder="https://example.com/photo.jpg">
              <button type="button" id="attachment-add" class="secondary">Add</button>
            </div>
            <div id="attachments-error" class="error"></div>
            <div id="attachments-hint" class="hint">https:// URLs whose path ends in a file extension; at most 10, 50 MB in total.</div>
          </fieldset>

          <fieldset class="field" data-field="fallback">
            <legend>Fall back to SMS</legend>
            <label class="check"><input type="checkbox" id="fallback-unsupported" value="imessage_unsupported"> when the recipient has no iMessage</label>
            <label class="check"><input type="checkbox" id="fallback-fails" value="imessage_fails"> when iMessage fails</label>
            <label for="fallback-from">SMS from (optional)</label>
            <input id="fallback-from" autocomplete="off" spellcheck="false" aria-describedby="fallback-error fallback-from-hint" placeholder="Contiguity chooses">
            <div id="fallback-error" class="error"></div>
            <div id="fallback-from-hint" class="hint"></div>
            <div class="row"><button type="button" id="view-toggle" class="secondary" aria-pressed="false">Show SMS fallback text</button></div>
          </fieldset>

          <div class="field" data-field="fast_track">
            <label class="check"><input type="checkbox" id="fast-track" aria-describedby="fast-track-note"> Fast track</label>
            <div id="fast-track-note" class="hint">Bypasses the recommended rate limiting on leased numbers. Needs the Fast Track entitlement: without it the API refuses the message (403).</div>
            <div id="fast_track-error" class="error"></div>
          </div>
        </div>
      </details>

      <div id="legacy-note" class="hint" hidden>Legacy API (imessage.api.version is "legacy"): attachments, fast track and fallback rules other than "when iMessage fails" are not available.</div>
      <div id="replaced" class="notice" hidden>
        <span>This panel was opened with new content; your previous draft was kept.</span>
        <button type="button" id="restore" class="secondary">Restore previous draft</button>
      </div>

      <div class="field" data-field="message">
        <div class="row message-head">
          <label for="message" id="message-label">Message</label>
          <div class="toolbar" role="toolbar" aria-label="Formatting" aria-controls="message">
            <button type="button" data-marker="**" title="Bold (Ctrl+B)" aria-label="Bold" aria-keyshortcuts="Control+B Meta+B"><b>B</b></button>
            <button type="button" data-marker="_" title="Italic (Ctrl+I)" aria-label="Italic" aria-keyshortcuts="Control+I Meta+I"><i>I</i></button>
            <button type="button" data-marker="~~" title="Strikethrough (Ctrl+Shift+X)" aria-label="Strikethrough" aria-keyshortcuts="Control+Shift+X Meta+Shift+X"><s>S</s></button>
            <button type="button" data-marker="__" title="Underline (Ctrl+U)" aria-label="Underline" aria-keyshortcuts="Control+U Meta+U"><u>U</u></button>
          </div>
          <p id="counts" class="hint"></p>
        </div>
        <div class="row send-row">
          <textarea id="message" rows="3" spellcheck="true" aria-describedby="message-error counts" aria-keyshortcuts="Control+Enter Meta+Enter" placeholder="**bold**, _italic_, ~~strike~~, __underline__ · Ctrl+Enter sends"></textarea>
          <button type="submit" id="send" aria-keyshortcuts="Control+Enter Meta+Enter">Send</button>
        </div>
        <div id="message-error" class="error"></div>
      </div>
      <div id="request-error" class="error"></div>
      <div id="result" class="result" role="status" aria-live="polite" aria-atomic="true" tabindex="-1"></div>
    </div>
  </form>
</main>`;
