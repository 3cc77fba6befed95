// Showing and writing a setup plan (core/agent-hooks/setup/plan.ts): a modal that lists every file
// and what happens to it, "Show Changes" opens a read-only diff of each, and only "Apply" writes.
// A file that holds the user's settings is copied first; each file is replaced in one rename, and
// one that changed while the dialog was open is left alone.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileChange, Plan } from '../../../core/agent-hooks/setup/plan';
import { says } from '../../../core/untrusted-text';
import { perActivation, type Services } from '../../services';
import { prompt } from '../../ui/prompts';

/** Larger than any settings file; a bigger one is not read into memory, let alone rewritten. */
const MAX_FILE_BYTES = 1024 * 1024;
const SCHEME = 'imessage-agent-hooks';

export const AGENT_NAMES = { claude: 'Claude Code', 'copilot-cli': 'Copilot CLI', vscode: 'VS Code agent', codex: 'Codex' } as const;

/**
 * Where agents keep their user files: the home folder. IMESSAGE_AGENT_HOME replaces it in the test
 * host only (CONTRIBUTING), so that tests never touch the real ~/.claude or ~/.codex.
 */
export function agentHome(): { home: string; env: NodeJS.ProcessEnv } {
  const override = process.env.IMESSAGE_TEST === '1' ? process.env.IMESSAGE_AGENT_HOME?.trim() : undefined;
  return override ? { home: path.resolve(override), env: {} } : { home: os.homedir(), env: process.env };
}

/** The file's text, or undefined when there is none. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_FILE_BYTES) throw new Error(`${file} is over 1 MiB: not a settings file this command edits. Nothing was changed.`);
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads every file a plan may touch, then plans with their text (the planner is synchronous). */
export async function readAll(files: string[]): Promise<(file: string) => string | undefined> {
  const texts = new Map(await Promise.all(files.map(async (f) => [f, await readIfExists(f)] as const)));
  return (file) => texts.get(file);
}

export interface Applied {
  written: string[];
  deleted: string[];
  backups: string[];
  refused: string[];
}

/** Shows the plan, and writes it when the user applies it. undefined: cancelled (nothing written). */
export async function confirmAndWrite(s: Services, plan: Plan, verb: 'Apply' | 'Remove'): Promise<Applied | undefined> {
  const refused = plan.refused.map((r) => `${AGENT_NAMES[r.agent]}: ${r.error}`);
  if (plan.changes.length === 0) {
    if (refused.length) throw new Error(refused.join('\n'));
    return { written: [], deleted: [], backups: [], refused };
  }
  const list = plan.changes.map((c) => `${describe(c)}: ${c.file}`);
  const detail = [...list, ...refused.map((r) => `Left alone: ${r}`)].join('\n');
  for (;;) {
    const choice = await prompt({
      severity: refused.length ? 'warning' : 'info',
      modal: true,
      message: says`${verb === 'Apply' ? 'Set up agent notifications' : 'Remove agent notifications'}: change ${String(plan.changes.length)} file(s) outside any workspace?`,
      detail: says`${detail}`,
      actions: [verb, 'Show Changes'],
    });
    if (choice === 'Show Changes') await showChanges(s, plan.changes);
    else if (choice === verb) break;
    else return undefined;
  }
  const applied: Applied = { written: [], deleted: [], backups: [], refused };
  const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
  for (const change of plan.changes) await write(change, stamp, applied);
  s.log.info(`Agent notifications: ${describeApplied(applied)}`);
  return applied;
}

export function describeApplied(a: Applied): string {
  const parts = [
    a.written.length ? `wrote ${a.written.join(', ')}` : '',
    a.deleted.length ? `deleted ${a.deleted.join(', ')}` : '',
    a.backups.length ? `backed up to ${a.backups.join(', ')}` : '',
    ...a.refused.map((r) => `left alone: ${r}`),
  ];
  return parts.filter(Boolean).join('; ') || 'nothing to change';
}

function describe(c: FileChange): string {
  const who = AGENT_NAMES[c.agent];
  if (c.after === undefined) return `${who}: delete`;
  if (c.before === undefined) return `${who}: create`;
  return `${who}: edit${c.backup ? ' (backup first)' : ''}`;
}

async function write(change: FileChange, stamp: string, applied: Applied): Promise<void> {
  const { file } = change;
  // Claude Code, an editor or another window may have written the file since it was read.
  if ((await readIfExists(file)) !== change.before) {
    throw new Error(`${file} changed while the dialog was open; it was left as it is. Run the command again.`);
  }
  if (change.after === undefined) {
    await fs.rm(file, { force: true });
    applied.deleted.push(file);
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const mode = change.before === undefined ? 0o600 : (await fs.stat(file)).mode & 0o777;
  if (change.backup) applied.backups.push(await backUp(file, stamp));
  const temp = `${file}.imessage-${process.pid}-${Date.now()}.tmp`;
  try {
    await fs.writeFile(temp, change.after, { mode, flag: 'wx' });
    await fs.rename(temp, file);
  } finally {
    await fs.rm(temp, { force: true });
  }
  applied.written.push(file);
}

/** Copies `file` beside itself; never over an earlier copy (setup and removal in the same second). */
async function backUp(file: string, stamp: string): Promise<string> {
  for (let n = 1; ; n++) {
    const backup = `${file}.imessage-backup-${stamp}${n > 1 ? `-${n}` : ''}`;
    try {
      await fs.copyFile(file, backup, fs.constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw error;
    }
  }
}

/** Read-only documents for the diff editor: what a file holds now, and what it would hold. */
const previews = perActivation(() => {
  const texts = new Map<string, string>();
  const registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '',
  });
  return Object.assign(registration, { texts });
});

async function showChanges(s: Services, changes: FileChange[]): Promise<void> {
  const { texts } = previews(s);
  const run = Date.now();
  for (const [i, c] of changes.entries()) {
    const name = path.basename(c.file);
    const before = vscode.Uri.from({ scheme: SCHEME, path: `/${run}/${i}/now/${name}` });
    const after = vscode.Uri.from({ scheme: SCHEME, path: `/${run}/${i}/after/${name}` });
    texts.set(before.toString(), c.before ?? '');
    texts.set(after.toString(), c.after ?? '');
    await vscode.commands.executeCommand('vscode.diff', before, after, `${c.file} (now ↔ ${describe(c)})`, { preview: false });
  }
}
