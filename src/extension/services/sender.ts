// The ONE path from any feature to the API: settings, token, validation, pacing, the call and the
// log. It returns an outcome and never shows anything: how a send looks (progress, the token
// prompt, the result) is the caller's choice, through ui/send.ts. No automatic retry once a
// request may have been sent.
import * as vscode from 'vscode';
import { redactError } from '../../core/redact';
import { ContiguityClient, type SendResult } from '../../core/client/client';
import { Pacer, type PacingOptions } from '../../core/client/pacing';
import { SentElsewhereError } from '../../core/client/errors';
import type { SendIMessageRequest } from '../../core/schema';
import { planFromInput, type SendPlan } from '../../core/send-plan';
import type { Config } from './config';
import { type AskForToken, requireToken } from './auth';
import type { Log } from './log';
import type { TokenStore } from './secrets';

/** Runs the request, aborting through `signal`; a caller can show it as progress. */
export type RunSend = <T>(title: string, task: (signal: AbortSignal) => Promise<T>) => Promise<T>;

export interface SendOptions {
  /** Which feature sends, for the log and the history. */
  source: string;
  cancellation?: vscode.CancellationToken;
  /**
   * Skip the client-side checks (defaults, normalisation, schema): the input goes out as written,
   * so a user can see how the API itself answers. Still logged, redacted, never retried once sent.
   * The outcome's `request` is then the input as given, not a checked request.
   */
  skipValidation?: boolean;
  /** When no token is stored: may ask the user for one. Without it, a missing token fails the send. */
  askForToken?: AskForToken;
  /** Wraps the request, for example in a progress notification. Default: runs it as is. */
  run?: RunSend;
  /**
   * Called after pacing, right before the request is written; false stops the send, unsent. The
   * outbox marks its text as being sent here (no other window may send it from then on).
   */
  beforeRequest?: () => Promise<boolean>;
}

export type SendOutcome =
  | { ok: true; request: SendIMessageRequest; result: SendResult; warnings: string[] }
  | { ok: false; error: Error; request?: SendIMessageRequest };

/** What every send reports, for features that keep records (recents, history). `attempt` pairs it with its SendStart. */
export type SendEvent = SendOutcome & { source: string; attempt: number };

/** A checked request about to leave (it may still wait for pacing, or fail): a conversation shows it as pending. */
export interface SendStart {
  attempt: number;
  source: string;
  request: SendIMessageRequest;
  at: number;
}

export interface SenderDeps {
  config: Config;
  tokens: TokenStore;
  log: Log;
}

/**
 * Contiguity sustains about 1 message/s per number with bursts of 5. We pace 20% under that rate:
 * the server counts arrivals and we count departures, and the slack absorbs the jitter between them.
 */
export const SEND_PACING: PacingOptions = { perSecond: 1 / 1.2, burst: 5 };

export class Sender implements vscode.Disposable {
  private readonly sent = new vscode.EventEmitter<SendEvent>();
  private readonly starting = new vscode.EventEmitter<SendStart>();
  private attempts = 0;
  /** Every send waits here, per `from` number, so a burst never meets the rate limit. */
  private readonly pacer = new Pacer(SEND_PACING);
  /** Fires once per send attempt that got as far as a prepared request, whatever its outcome. */
  readonly onDidSend = this.sent.event;
  /** Fires before the request leaves; every such send is followed by exactly one onDidSend with the same attempt. */
  readonly onWillSend = this.starting.event;

  constructor(private readonly deps: SenderDeps) {}

  dispose() {
    this.sent.dispose();
    this.starting.dispose();
  }

  /**
   * Waits for a slot of `from`'s rate limit, for calls beside sends that count against it (typing
   * indicators). Rejects with CancelledBeforeSendError when `signal` aborts first.
   */
  async pace(from: string | undefined, signal?: AbortSignal): Promise<void> {
    await this.pacer.wait(from ?? DEFAULT_NUMBER, signal);
  }

  async send(input: unknown, options: SendOptions): Promise<SendOutcome> {
    const { log } = this.deps;
    const attempt = ++this.attempts;
    let request: SendIMessageRequest | undefined;
    try {
      const settings = this.deps.config.read();
      const prepared = await this.plan(input, options);
      request = prepared.request;
      this.starting.fire({ attempt, source: options.source, request, at: Date.now() });
      prepared.warnings.forEach((w) => log.warn(w));
      const token = await requireToken(this.deps, options.askForToken);
      const client = new ContiguityClient({
        baseUrl: prepared.target.baseUrl,
        token,
        timeoutMs: settings.timeoutMs,
        legacy: prepared.target.version === 'legacy',
      });
      log.info(`Sending (${options.source}${options.skipValidation ? ', without client validation' : ''}) to ${request.to}`);
      // Fast track bypasses the rate limit by definition; no `from` means Contiguity's pick, one number too.
      const paceKey = request.fast_track ? undefined : (request.from ?? DEFAULT_NUMBER);
      const run = options.run ?? runDirectly;
      const result = await run(`Sending iMessage to ${request.to}`, async (signal) => {
        const controller = new AbortController();
        const cancel = options.cancellation?.onCancellationRequested(() => controller.abort());
        signal.addEventListener('abort', () => controller.abort(), { once: true });
        try {
          const waited = paceKey === undefined ? 0 : await this.pacer.wait(paceKey, controller.signal);
          if (waited > 0) log.info(`Waited ${waited} ms to respect the rate limit of ${paceKey}`);
          if (options.beforeRequest && !(await options.beforeRequest())) throw new SentElsewhereError();
          return await client.sendWire(prepared.wire, { signal: controller.signal, onEvent: (e) => log.clientEvent(e) });
        } finally {
          cancel?.dispose();
        }
      });
      return this.report({ ok: true, request, result, warnings: prepared.warnings }, options, attempt);
    } catch (error) {
      // One place: every surface after this (log, notification, compose, history, the public API) gets it clean.
      const err = redactError(error instanceof Error ? error : new Error(String(error)));
      log.error(`Not sent (${options.source}): ${err.message}`);
      return this.report({ ok: false, error: err, request }, options, attempt);
    }
  }

  /** What `send` would put on the wire for this input, without sending or needing the token. */
  plan(input: unknown, options: Pick<SendOptions, 'skipValidation'> = {}): Promise<SendPlan> {
    return planFromInput(input, this.deps.config.read(), { validate: !options.skipValidation });
  }

  private report(outcome: SendOutcome, options: SendOptions, attempt: number): SendOutcome {
    if (outcome.request) this.sent.fire({ ...outcome, source: options.source, attempt });
    return outcome;
  }
}

/** The pacing key of sends that let Contiguity pick the number. */
const DEFAULT_NUMBER = '(default number)';

const runDirectly: RunSend = (_title, task) => task(new AbortController().signal);
