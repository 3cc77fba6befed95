// The inbox page's HTML and CSS, and its script: src/core/format bundled with esbuild on first request.
import path from 'node:path';

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox inbox</title>
<link rel="stylesheet" href="/__sandbox/inbox.css">
</head>
<body>
<header>
  <h1>Sandbox inbox</h1>
  <p>The phones the sandbox API texts. Nothing here reaches a real phone.</p>
  <span id="connection" role="status" data-state="down">Connecting…</span>
</header>
<div class="layout">
  <nav aria-label="Threads"><ul id="threads"></ul></nav>
  <main>
    <p id="empty">No messages yet. Send one from VS Code and it appears here.</p>
    <section id="thread" hidden>
      <div class="toolbar">
        <h2 id="thread-title"></h2>
        <label>This phone: <select id="mode"></select></label>
        <button id="mark-read" type="button">Mark thread read</button>
      </div>
      <ol id="messages" aria-live="polite"></ol>
      <form id="reply">
        <label for="reply-text">Reply as this phone</label>
        <textarea id="reply-text" rows="2" placeholder="iMessage (Enter sends, Shift+Enter for a new line)"></textarea>
        <button type="submit">Send</button>
      </form>
      <p id="problem" role="alert"></p>
    </section>
  </main>
</div>
<script src="/__sandbox/inbox.js"></script>
</body>
</html>
`;

export const PAGE_CSS = `
:root { color-scheme: light dark; font: 14px/1.4 system-ui, sans-serif; --bg: #fff; --text: #000; --blue: #0066cc; --green: #1c7c34; --grey: #e9e9eb; --grey-text: #000; --live: #1a7f37; --down: #a34f00; --error: #c62828; }
@media (prefers-color-scheme: dark) { :root { --bg: #1c1c1e; --text: #f2f2f7; --grey: #3a3a3c; --grey-text: #fff; --live: #3fb950; --down: #f0883e; --error: #ff6b6b; } }
/* Every colour pair here holds 4.5:1 (WCAG AA for text): white on Messages' #0a84ff is 3.6:1, so the blue is darker. */
body { margin: 0; display: flex; flex-direction: column; height: 100vh; background: var(--bg); color: var(--text); }
header { display: flex; align-items: baseline; gap: 1em; padding: .5em 1em; border-bottom: 1px solid #8884; }
header h1 { font-size: 1.1em; margin: 0; } header p { margin: 0; opacity: .7; flex: 1; }
#connection[data-state=live] { color: var(--live); } #connection[data-state=down] { color: var(--down); }
.layout { display: flex; flex: 1; min-height: 0; }
nav { width: 18em; border-right: 1px solid #8884; overflow-y: auto; }
nav ul { list-style: none; margin: 0; padding: 0; }
.thread-button { display: grid; grid-template-columns: 1fr auto; width: 100%; text-align: left; padding: .5em 1em; border: 0; border-bottom: 1px solid #8882; background: none; color: inherit; font: inherit; cursor: pointer; }
.thread-button[aria-current=true] { background: #0a84ff22; }
.thread-button .person { font-weight: 600; } .thread-button .ours, .thread-button .preview { grid-column: 1; opacity: .7; font-size: .9em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.unread { grid-row: 1 / 3; grid-column: 2; align-self: center; background: var(--blue); color: #fff; border-radius: 1em; padding: 0 .5em; }
main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
#empty { margin: 2em; opacity: .7; }
#thread { display: flex; flex-direction: column; flex: 1; min-height: 0; }
#thread[hidden] { display: none; }
.toolbar { display: flex; align-items: center; gap: 1em; padding: .5em 1em; border-bottom: 1px solid #8884; }
.toolbar h2 { font-size: 1em; margin: 0; flex: 1; }
#messages { list-style: none; margin: 0; padding: 1em; overflow-y: auto; flex: 1; display: flex; flex-direction: column; gap: .4em; }
.row { display: flex; flex-direction: column; max-width: 70%; }
.row.from-us { align-self: flex-start; align-items: flex-start; } .row.from-them { align-self: flex-end; align-items: flex-end; }
.bubble { position: relative; padding: .45em .8em; border-radius: 1.1em; white-space: pre-wrap; overflow-wrap: anywhere; }
.from-us .bubble { background: var(--grey); color: var(--grey-text); } .from-them .bubble { background: var(--blue); color: #fff; }
.bubble.sms { background: var(--green); color: #fff; }
.typing .bubble { letter-spacing: .2em; opacity: .7; }
.attachment { display: block; color: inherit; }
.tapbacks { position: absolute; top: -.9em; right: -.6em; background: var(--grey); border-radius: 1em; padding: 0 .3em; font-size: .9em; }
.meta { font-size: .75em; opacity: .65; margin: .1em .5em; }
.picker { display: flex; gap: .1em; opacity: .35; } .row:hover .picker, .picker:focus-within { opacity: 1; }
.picker button { border: 0; background: none; cursor: pointer; font-size: .9em; padding: 0 .15em; border-radius: .4em; }
.picker button[aria-pressed=true] { background: #0a84ff44; }
#reply { display: flex; gap: .5em; align-items: end; padding: .5em 1em; border-top: 1px solid #8884; }
#reply label { position: absolute; left: -9999px; }
#reply textarea { flex: 1; font: inherit; border-radius: 1em; padding: .4em .8em; resize: vertical; }
#problem { color: var(--error); margin: 0 1em .5em; min-height: 1em; }
`;

let script: Promise<string> | undefined;

/** The page script; built once per process (about a tenth of a second), rebuilt after a failure. */
export function pageScript(): Promise<string> {
  script ??= import('esbuild')
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [path.join(__dirname, 'page.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        minify: true,
        legalComments: 'none',
        logLevel: 'silent',
      }),
    )
    .then((result) => result.outputFiles[0].text)
    .catch((err: unknown) => {
      script = undefined;
      throw err;
    });
  return script;
}
