// The hook's arguments, as the setup writes them: `--agent <a> --event <e> [--timeout <s>]`, and
// for Codex one more, its JSON. Read by the hook (timeout, where the input is) and by the window
// (the hint for parseHookInput); both must read them the same way.

export interface HookArgs {
  agent?: string;
  event?: string;
  /** The entry's timeout in seconds, when given and a positive number. */
  timeoutSeconds?: number;
  /** The input passed as the last argument (Codex), instead of on stdin. */
  argumentInput?: string;
}

export function readHookArgs(args: readonly string[]): HookArgs {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const agent = option('--agent');
  const timeout = Number(option('--timeout'));
  const last = args.at(-1);
  return {
    agent,
    event: option('--event'),
    timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
    argumentInput: agent === 'codex' || last?.trimStart().startsWith('{') ? (last ?? '') : undefined,
  };
}
