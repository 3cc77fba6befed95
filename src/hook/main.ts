// dist/hook.js: the command agents run (through the launcher the extension writes). A thin relay to
// the running window (relay.ts); it never holds the token and loads nothing but Node's own modules,
// so it starts about as fast as Node does. It always exits 0: Copilot CLI denies a preToolUse whose
// hook exits otherwise, and a hook must never break an agent.
import { MAX_HOOK_INPUT_BYTES } from '../core/agent-hooks/channel-protocol';
import { line, relay, type HookOutput } from './relay';

/** stdin up to the bound (undefined past it); a terminal (someone trying the command by hand) gives ''. */
function readStdin(): Promise<string | undefined> {
  const stdin = process.stdin;
  if (stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_HOOK_INPUT_BYTES) return void chunks.push(chunk);
      stdin.destroy();
      resolve(undefined);
    });
    stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stdin.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function finish({ stdout, stderr }: HookOutput): void {
  if (stderr) process.stderr.write(`${stderr}\n`);
  // Exit once stdout is flushed: an open stdin (Codex) or a lingering socket must not hold the agent.
  process.stdout.write(stdout, () => process.exit(0));
}

function main(): void {
  process.on('uncaughtException', (e) => finish({ stdout: '', stderr: line(`failed: ${e.message}; no decision`) }));
  relay(process.argv.slice(2), readStdin, process.env).then(finish, (e: Error) =>
    finish({ stdout: '', stderr: line(`failed: ${e.message}; no decision`) }),
  );
}

if (require.main === module) main();
