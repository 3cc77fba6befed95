// One hook request, as the window answers it: parse what the agent sent (the hook forwards it
// untouched), page the user when the event calls for it, and shape the decision as that agent reads
// it. Whatever goes back to the hook passes the redactor: it ends up in the agent's transcript.
import { answerFor } from '../../../core/agent-hooks/answers';
import { CHANNEL_VERSION, type HookReply, type HookRequest } from '../../../core/agent-hooks/channel-protocol';
import { readHookArgs } from '../../../core/agent-hooks/channel/args';
import { parseHookInput } from '../../../core/agent-hooks/formats';
import { fromOwnEntry } from '../../../core/agent-hooks/own-entry';
import { redact, redactedMessage } from '../../../core/redact';
import type { Services } from '../../services';
import { page } from './pager';

function reply(stdout: string, stderr: string): HookReply {
  return { v: CHANNEL_VERSION, exitCode: 0, stdout: redact(stdout), stderr: redact(stderr) };
}

export async function handleHookRequest(s: Services, request: HookRequest, signal: AbortSignal): Promise<HookReply> {
  const { agent, event, argumentInput } = readHookArgs(request.args);
  // An agent that also runs another agent's entry (VS Code runs ~/.copilot/hooks and Claude's) is heard once.
  const parsed = fromOwnEntry(parseHookInput(argumentInput ?? request.stdin, { agent, event }), agent);
  if (parsed.result === 'invalid') {
    s.log.warn(`Agent hook: refused its input: ${parsed.error}`);
    return reply('', `imessage-hook: ${parsed.error}`);
  }
  if (parsed.result === 'ignored') return reply('', '');
  try {
    const decision = await page(s, parsed.event, { deadline: request.deadline, signal });
    return reply(answerFor(parsed.event, decision).stdout, '');
  } catch (e) {
    s.log.error(`Agent hook: ${parsed.event.agent} ${parsed.event.event} failed`, e);
    return reply('', `imessage-hook: the window failed (${redactedMessage(e)}); no decision`);
  }
}
