// The agent's last message, read from the end of a Claude Code transcript (JSONL: one record a
// line; an assistant record holds `message.content`, a string or blocks of which `text` ones are
// what it said). Only the tail of the file is read (see TRANSCRIPT_TAIL_BYTES), so its first line
// may be cut; that line, and any line that is not such a record, is skipped. Sub-agents' records
// (`isSidechain`) are not the agent's answer to the user. The text is outside text: the caller
// cleans and caps it (texts.ts).

/** The most of a transcript ever read: its end, where the last message is. */
export const TRANSCRIPT_TAIL_BYTES = 256 * 1024;

/**
 * The last assistant text in `tail`, or undefined. `cut`: the tail starts inside the file, so
 * its first line is partial and is not read.
 */
export function lastAssistantText(tail: string, cut: boolean): string | undefined {
  const lines = tail.split('\n');
  const first = cut ? 1 : 0;
  for (let i = lines.length - 1; i >= first; i--) {
    const text = assistantText(lines[i]!);
    if (text !== undefined) return text;
  }
  return undefined;
}

function assistantText(line: string): string | undefined {
  if (!line.includes('"assistant"')) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(record) || record.type !== 'assistant' || record.isSidechain === true) return undefined;
  const message = record.message;
  if (!isObject(message) || message.role !== 'assistant') return undefined;
  const content = message.content;
  const parts =
    typeof content === 'string'
      ? [content]
      : Array.isArray(content)
        ? content.filter((b) => isObject(b) && b.type === 'text' && typeof b.text === 'string').map((b) => (b as { text: string }).text)
        : [];
  const text = parts.join('\n').trim();
  return text === '' ? undefined : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
