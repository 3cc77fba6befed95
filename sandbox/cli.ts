// `npm run sandbox`: the sandbox as a standalone server for trying the extension by hand, or as a
// child process of a start script (which reads the first stdout line, `SANDBOX_READY {json}`).
import { DEFAULT_CLI_PORT, DEFAULT_CLI_TOKEN, defaultNumbers } from './defaults';
import { startSandbox } from './server';
import type { Sandbox } from './types';

const USAGE = `Usage: npm run sandbox -- [--port N] [--token T] [--legacy-token T] [--no-pacing] [--fast-track] [--instant]

  --port N          port on 127.0.0.1 (default: $SANDBOX_PORT or ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --token T         API token to accept (default: $SANDBOX_TOKEN or ${DEFAULT_CLI_TOKEN})
  --legacy-token T  token for the legacy POST /send/text (default: the same token)
  --no-pacing       turn off the 1/s, burst 5 pacing per number
  --fast-track      grant the Fast Track entitlement
  --instant         deliver at once (no queued → sent → delivered → read steps)
  --child           started by npm start: print SANDBOX_READY and request lines, no banner`;

interface CliOptions {
  port: number;
  token: string;
  legacyToken?: string;
  pacing: boolean;
  fastTrack: boolean;
  instant: boolean;
  child: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const opts: CliOptions = {
    port: parsePort(env.SANDBOX_PORT || String(DEFAULT_CLI_PORT), 'SANDBOX_PORT'),
    token: env.SANDBOX_TOKEN || DEFAULT_CLI_TOKEN,
    pacing: true,
    fastTrack: false,
    instant: false,
    child: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--port') opts.port = parsePort(value(), '--port');
    else if (arg === '--token') opts.token = value();
    else if (arg === '--legacy-token') opts.legacyToken = value();
    else if (arg === '--no-pacing') opts.pacing = false;
    else if (arg === '--fast-track') opts.fastTrack = true;
    else if (arg === '--instant') opts.instant = true;
    else if (arg === '--child') opts.child = true;
    else throw new UsageError(`unknown option ${arg}`);
  }
  return opts;
}

function parsePort(raw: string, name: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new UsageError(`${name} must be a port number 0-65535, got ${JSON.stringify(raw)}`);
  return port;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let opts: CliOptions;
  try {
    opts = parseArgs(argv, process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`sandbox: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      port: opts.port,
      token: opts.token,
      legacyToken: opts.legacyToken,
      pacing: opts.pacing ? undefined : false,
      entitlements: opts.fastTrack ? { fast_track: 'granted' } : undefined,
      delivery: opts.instant ? 'instant' : undefined,
      log: (line) => console.log(line),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `sandbox: port ${opts.port} on 127.0.0.1 is already in use (another sandbox running?). ` +
          'Stop it, or pick another port with --port N or SANDBOX_PORT=N (0 picks a free one).',
      );
    } else {
      console.error(`sandbox: could not start: ${(err as Error).message}`);
    }
    process.exit(1);
  }

  // Machine-readable first, so a parent process can wait for exactly this line.
  console.log(
    `SANDBOX_READY ${JSON.stringify({ url: sandbox.url, inboxUrl: sandbox.inboxUrl, port: sandbox.port, token: sandbox.token, legacyToken: sandbox.legacyToken })}`,
  );
  // Under npm start the parent prints one message for everything (and has stored the token).
  if (!opts.child) {
    console.log(`Contiguity sandbox API on ${sandbox.url}`);
    console.log(`  inbox:   ${sandbox.inboxUrl}  (the phones it texts: watch, reply, react)`);
    console.log(`  token:   ${sandbox.token}`);
    if (sandbox.legacyToken !== sandbox.token) console.log(`  legacy token (POST /send/text): ${sandbox.legacyToken}`);
    console.log(`  numbers: ${describeNumbers()}`);
    console.log(
      `  To use it from VS Code: set imessage.api.baseUrl to ${sandbox.url}, then "iMessage: Set API Token" with the token above.`,
    );
    console.log('  Nothing is sent for real. Ctrl+C stops it.');
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(130); // a second Ctrl+C means "now"
    stopping = true;
    console.log(`sandbox: ${signal}, stopping`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A parent start script that died closes our pipe: stop too, or the orphan keeps the port busy.
  process.stdout.on('error', () => stop('stdout closed'));
}

function describeNumbers(): string {
  return defaultNumbers()
    .map((n) => {
      const kind = n.capabilities.channels.includes('imessage') ? 'iMessage' : 'SMS only';
      return `${n.number.e164} (${kind}${n.lease_status === 'active' ? '' : `, ${n.lease_status}`})`;
    })
    .join(', ');
}

main().catch((err: unknown) => {
  console.error(`sandbox: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
