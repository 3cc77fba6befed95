// The walkthrough (package.json#contributes.walkthroughs) points only at things that exist: each
// step's page, the commands its buttons and completion events name, the settings it watches, and
// the context keys the extension sets (services/milestones.ts). The UI test walks it for real.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const commands = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
const settings = new Set(Object.keys(pkg.contributes.configuration.properties));
const milestones = readFileSync(join(ROOT, 'src/extension/services/milestones.ts'), 'utf8');
const notifyStartup = readFileSync(join(ROOT, 'src/extension/features/notify/startup.ts'), 'utf8');

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}
const steps: Step[] = pkg.contributes.walkthroughs.flatMap((w: { steps: Step[] }) => w.steps);

describe('the walkthrough', () => {
  it('has the five steps of issue 24, in order', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      ['token', 'from', 'send', 'notify', 'agents'],
    );
  });

  it('gives every step a markdown page that ships (media/walkthrough/)', () => {
    for (const s of steps) {
      assert.match(s.media.markdown ?? '', /^media\/walkthrough\/[\w-]+\.md$/, s.id);
      assert.ok(existsSync(join(ROOT, s.media.markdown!)), `${s.media.markdown} exists`);
    }
  });

  it('completes each step on a real event: a command, a setting or a context key the extension sets', () => {
    for (const s of steps) {
      assert.ok(s.completionEvents.length > 0, `${s.id} does not complete merely by being selected`);
      for (const event of s.completionEvents) {
        const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(commands.has(name), `${event}: a contributed command`);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(name), `${event}: a contributed setting`);
        else if (kind === 'onContext') {
          const key = /^imessage\.(\w+)$/.exec(name)?.[1];
          const set = key && (milestones.includes(`'${key}'`) || notifyStartup.includes(`'imessage.${key}'`));
          assert.ok(set, `${event}: a milestone the extension sets`);
        } else assert.fail(`${s.id}: unexpected completion event ${event}`);
      }
    }
  });

  it('links only to contributed commands or the Settings editor', () => {
    for (const s of steps) {
      for (const [, command] of s.description.matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(commands.has(command!) || command === 'workbench.action.openSettings', `${s.id} links to ${command}`);
      }
    }
  });
});
