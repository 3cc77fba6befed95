// Entry point the extension host loads (test-electron shape): runs every compiled *.test.js next
// to this file with mocha and rejects when a test failed. Works on both host routes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const grep = process.env.MOCHA_GREP || undefined;
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 20_000,
    color: process.env.MOCHA_COLOR === '1',
    reporter: 'spec',
    grep,
    // In CI a left-over `.only` fails the run instead of silently skipping the rest.
    forbidOnly: process.env.CI === 'true',
  });
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        // A grep that matches nothing must not look like a green run.
        else if (runner.stats?.tests === 0) reject(new Error(`no integration test ran${grep ? ` (grep: ${grep})` : ''}`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
