// Notifications when long work finishes: automatic (tasks, terminal commands, notebook cells,
// debug sessions) and one-shot
// (imessage.notifyOnCompletion, imessage.runTaskAndNotify), with the status bar item for the latter.
import * as vscode from 'vscode';
import * as z from '../../../core/zod';
import { perActivation, type Services } from '../../services';
import { parseArgs } from '../../ui/args';
import { commandTable } from '../command-table';
import { ArmedList } from './armed';
import { DebugWatcher } from './debug';
import { NotebookWatcher } from './notebooks';
import { Notifier } from './notifier';
import { TaskWatcher } from './tasks';
import { TerminalWatcher } from './terminal';
import { tell } from '../../ui/prompts';
import { watchOutbox } from '../../ui/outbox';
import { statusItem } from '../../ui/status-item';
import { iconLabel, says } from '../../../core/untrusted-text';

class Notify implements vscode.Disposable {
  readonly armed = new ArmedList();
  readonly tasks: TaskWatcher;
  readonly terminals: TerminalWatcher;
  private readonly others: vscode.Disposable[];

  constructor(services: Services) {
    const log = (line: string) => services.log.info(line);
    // Texts kept from an earlier session go out now, not only after the next failure.
    watchOutbox(services);
    statusItem(services).watchArmed(this.armed);
    const notifier = new Notifier(services);
    this.tasks = new TaskWatcher(notifier, this.armed, log);
    this.terminals = new TerminalWatcher(notifier, this.armed, services.context.globalState, log);
    this.others = [new NotebookWatcher(notifier), new DebugWatcher(notifier)];
    // From here on every ending gets its decision logged (tests wait on this line before they run one).
    log('Notifications: watching tasks, terminal commands, notebook cells and debug sessions.');
  }

  dispose() {
    this.others.forEach((w) => w.dispose());
    this.tasks.dispose();
    this.terminals.dispose();
    this.armed.dispose();
  }
}

/**
 * Starts watching tasks, terminals, notebooks and debug sessions (once per activation; the watchers live as long as the
 * extension). Called when notifications are turned on (startup.ts) or a one-shot is armed.
 */
export const startNotify = perActivation((services) => new Notify(services));

const terminalArgs = z.strictObject({ terminal: z.optional(z.string()) });
const taskArgs = z.strictObject({ task: z.optional(z.string()) });
const cancelArgs = z.strictObject({ all: z.optional(z.boolean()) });

/** `imessage.notifyOnCompletion [{ terminal?: name }]`: the running command in that terminal (default: the active one), else its next. */
async function notifyOnCompletion(services: Services, arg?: unknown) {
  const name = parseArgs('imessage.notifyOnCompletion', terminalArgs, arg, { shorthand: 'terminal' }).terminal;
  // A lone terminal counts as the active one: the panel may hold focus elsewhere (the palette just closed).
  const lone = vscode.window.terminals.length === 1 ? vscode.window.terminals[0] : undefined;
  const terminal = name === undefined ? (vscode.window.activeTerminal ?? lone) : vscode.window.terminals.find((t) => t.name === name);
  if (!terminal) {
    throw new Error(
      name === undefined ? 'No terminal is active: open one and run the command to be notified about.' : `No terminal is named "${name}".`,
    );
  }
  const { armed, shellIntegration } = await startNotify(services).terminals.arm(terminal);
  services.log.info(`Armed: notify when ${armed.label} finishes.`);
  return { label: armed.label, shellIntegration };
}

/** `imessage.runTaskAndNotify [{ task?: name }]`: pick (or name) a task, run it, notify when it ends. */
async function runTaskAndNotify(services: Services, arg?: unknown) {
  const notify = startNotify(services);
  const tasks = await vscode.tasks.fetchTasks();
  const name = parseArgs('imessage.runTaskAndNotify', taskArgs, arg, { shorthand: 'task' }).task;
  let task: vscode.Task | undefined;
  if (name !== undefined) {
    task = tasks.find((t) => t.name === name) ?? tasks.find((t) => `${t.source}: ${t.name}` === name);
    if (!task) {
      const known = tasks.map((t) => t.name).slice(0, 20);
      throw new Error(`No task named "${name}".${known.length ? ` Tasks: ${known.join(', ')}.` : ' This workspace has no tasks.'}`);
    }
  } else {
    if (tasks.length === 0) throw new Error('This workspace has no tasks to run. Define one in .vscode/tasks.json.');
    const picked = await vscode.window.showQuickPick(
      tasks.map((t) => ({
        label: iconLabel`${t.name}`,
        description: iconLabel`${t.source}`,
        detail: t.detail && iconLabel`${t.detail}`,
        task: t,
      })),
      { title: 'Run a task and text me when it ends', placeHolder: 'Task', matchOnDescription: true },
    );
    if (!picked) return undefined;
    task = picked.task;
  }
  const execution = await vscode.tasks.executeTask(task);
  notify.tasks.arm(execution);
  services.log.info(`Armed: notify when task "${task.name}" ends.`);
  return { task: task.name };
}

/** `imessage.cancelNotification [{ all?: true }]`: cancels armed one-shots (all of them, or those picked). */
async function cancelNotification(services: Services, arg?: unknown) {
  const { all } = parseArgs('imessage.cancelNotification', cancelArgs, arg);
  const { armed } = startNotify(services);
  const items = armed.list();
  if (items.length === 0) {
    tell('info', says`No iMessage notification is pending.`);
    return 0;
  }
  let chosen = items;
  if (items.length > 1 && !all) {
    const picked = await vscode.window.showQuickPick(
      items.map((a) => ({ label: iconLabel`${a.label}`, description: a.kind, picked: true, armed: a })),
      { title: 'Cancel pending iMessage notifications', canPickMany: true },
    );
    if (!picked) return 0;
    chosen = picked.map((p) => p.armed);
  }
  chosen.forEach((a) => armed.remove(a));
  services.log.info(`Cancelled ${chosen.length} pending notification(s).`);
  if (items.length === 1) tell('info', says`No text will be sent when ${chosen[0]!.label} finishes.`);
  return chosen.length;
}

export const commands = commandTable({
  'imessage.notifyOnCompletion': notifyOnCompletion,
  'imessage.runTaskAndNotify': runTaskAndNotify,
  'imessage.cancelNotification': cancelNotification,
  'imessage.showWaiting': (services: Services) => statusItem(services).pick(),
});
