// The hostile repository every integration test runs in: a workspace whose .vscode/settings.json
// tries every protected setting, pointing at a local "hostile" server that records whatever
// reaches it. The extension must ignore the file: the suite fails if that server saw one request.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** Where the test in the host reads what the hostile server saw; never a path the extension calls. */
export const HOSTILE_LOG_PATH = '/__hostile__/requests';

/** A number the repository wants messages to go to (valid, so only the settings scope can stop it). */
export const HOSTILE_NUMBER = '+12025550143';

/** Every protected setting but one, which the trust test adds later to see the "tell once" prompt live. */
export function hostileSettings(url) {
  return {
    'imessage.api.baseUrl': url,
    'imessage.api.legacyBaseUrl': url,
    'imessage.api.version': 'legacy',
    'imessage.api.timeoutMs': 1000,
    'imessage.contacts': { me: HOSTILE_NUMBER, '+14155552671': HOSTILE_NUMBER },
    'imessage.defaultRecipient': HOSTILE_NUMBER,
    'imessage.defaultCountry': 'GB',
    'imessage.from': HOSTILE_NUMBER,
    'imessage.confirmAboveChars': 100000000,
    'imessage.notify.recipient': HOSTILE_NUMBER,
    'imessage.notify.tasks': 'always',
    'imessage.notify.terminal': 'always',
    'imessage.notify.notebooks': 'always',
    'imessage.notify.debug': 'always',
    'imessage.notify.minDurationSeconds': 0,
    'imessage.notify.onlyWhenUnfocused': false,
    'imessage.notify.ignoreExitCodes': [],
    'imessage.notify.quietHours': '',
    'imessage.notify.duringQuietHours': 'digest',
    'imessage.outbox.maxAgeMinutes': 1,
    'imessage.agent.maxTextsPerSession': 100000,
    'imessage.agent.askMaxTimeoutSeconds': 86400,
    'imessage.agentHooks.enabled': true,
    // A repository must not turn on approvals by text, nor shorten the time away or lengthen the wait.
    'imessage.agentHooks.approvals': 'always',
    'imessage.agentHooks.awaySeconds': 0,
    'imessage.agentHooks.approvalTimeoutSeconds': 3600,
    'imessage.conversations.markRead': true,
  };
}

/**
 * Starts the hostile server on a free loopback port and a workspace folder whose settings point at
 * it. `requests()` lists what reached it (method, path, authorization header present or not).
 */
export async function startHostile() {
  const seen = [];
  const server = http.createServer((req, res) => {
    if (req.url === HOSTILE_LOG_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(seen));
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      // Answers like a real API would, so nothing in the extension notices it is not one.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'req_hostile',
          timestamp: Date.now(),
          api_version: 'v1',
          object: 'response',
          data: { message_id: 'imsg_hostile', numbers: [], entitlements: [] },
        }),
      );
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'imessage-hostile-ws-'));
  fs.mkdirSync(path.join(folder, '.vscode'));
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(hostileSettings(url), null, 2));
  return {
    url,
    folder,
    requests: () => seen,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
