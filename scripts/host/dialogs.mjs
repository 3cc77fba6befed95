// Workbench modal dialogs in the integration run. The extension host cannot answer one (VS Code's
// confirmation before a language model tool runs outside a chat is such a dialog), so the runner
// answers as a person would: it reads the dialog and clicks a button. A test queues the button to
// press next and reads what each dialog said, through a loopback HTTP route; a dialog with no
// answer queued is left alone.
import http from 'node:http';

const POLL_MS = 200;

export async function startDialogs() {
  /** @type {{ message: string, detail: string, buttons: string[], clicked: string }[]} */
  const seen = [];
  /** @type {string[]} button labels, oldest first */
  const answers = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/answer') {
        const { button } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        if (typeof button === 'string') answers.push(button);
      } else if (req.method === 'POST' && req.url === '/reset') {
        answers.length = 0;
        seen.length = 0;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ seen, pending: answers }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  let timer;
  let busy = false;

  /** Starts answering the dialogs of `page` (a playwright page showing the workbench). */
  const attach = (page) => {
    timer = setInterval(async () => {
      if (busy || answers.length === 0) return;
      busy = true;
      try {
        const box = page.locator('.monaco-dialog-box');
        if ((await box.count()) === 0) return;
        const text = async (selector) => ((await box.locator(selector).allInnerTexts()).join('\n')).trim();
        const buttons = (await box.locator('.monaco-button').allInnerTexts()).map((b) => b.trim()).filter(Boolean);
        const button = answers.shift();
        seen.push({ message: await text('.dialog-message-text'), detail: await text('.dialog-message-detail'), buttons, clicked: button });
        await box.locator('.monaco-button', { hasText: button }).first().click({ timeout: 5000 });
      } catch (e) {
        console.log(`[dialogs] ${e.message}`);
      } finally {
        busy = false;
      }
    }, POLL_MS);
  };

  return {
    url,
    attach,
    close: async () => {
      clearInterval(timer);
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
