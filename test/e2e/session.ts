// One mocha fixture for every UI test: a sandbox API, an optional workspace folder with files, and
// the real workbench pointed at the sandbox; a screenshot of any failing test; everything closed after.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox';
import { launchWorkbench, screenshot, type Workbench } from './driver';

export interface SessionOptions {
  sandbox?: SandboxOptions;
  /** Files to write into a fresh workspace folder (name → content); none: no folder is made. */
  files?: Record<string, string>;
  /** User settings beyond `imessage.api.baseUrl`, which always points at the sandbox. */
  settings?: Record<string, unknown>;
  /** Start with the sandbox token already stored (as `npm start` does); default true. */
  withToken?: boolean;
  /** More environment for the extension host. */
  extensionEnvironment?: Record<string, string>;
}

export interface Session {
  sandbox: Sandbox;
  wb: Workbench;
  folder: string | undefined;
}

/** Registers before/after hooks in the calling `describe`; the returned object is filled in `before`. */
export function useSession(options: SessionOptions = {}): Session {
  const session = {} as Session;
  before(async () => {
    session.sandbox = await startSandbox(options.sandbox);
    if (options.files) {
      session.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'imessage-e2e-'));
      for (const [name, content] of Object.entries(options.files)) fs.writeFileSync(path.join(session.folder, name), content);
    }
    session.wb = await launchWorkbench({
      folder: session.folder,
      settings: { 'imessage.api.baseUrl': session.sandbox.url, ...options.settings },
      extensionEnvironment: {
        ...options.extensionEnvironment,
        ...(options.withToken === false ? {} : { IMESSAGE_SANDBOX_TOKEN: session.sandbox.token }),
      },
    });
  });
  after(async () => {
    await session.wb?.close();
    await session.sandbox?.close();
    if (session.folder) fs.rmSync(session.folder, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session.wb) {
      console.log(`screenshot: ${await screenshot(session.wb.page, this.currentTest.title)}`);
    }
  });
  return session;
}

/** Waits for something the sandbox or the page will show; fails the test after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The person of the conversation tests, a contact, and the leased number we text them from. */
export const ANA = '+14155552671';
export const OURS = '+15550000001';

/**
 * A session for the conversation panel: Ana is a contact, we send from our leased number, and a
 * send is delivered quickly but read only when the person reads (the inbox page or the test says so).
 */
export function useConversationSession(): Session {
  return useSession({
    sandbox: { pacing: false, delivery: { sentMs: 100, deliveredMs: 400, readMs: null } },
    settings: {
      'imessage.contacts': { Ana: ANA },
      'imessage.from': OURS,
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
  });
}
