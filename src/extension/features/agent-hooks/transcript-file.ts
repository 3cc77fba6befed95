// The agent's last message from its transcript file, when the hook input does not carry it. The
// path comes from the hook input, which anything can write: only an absolute path to a regular
// `.jsonl` file is read, never more than its last TRANSCRIPT_TAIL_BYTES, and opened without
// blocking (a FIFO must not hold the hook). What comes back goes only to the user's own phone,
// trimmed (texts.ts) and redacted by the sender.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { lastAssistantText, TRANSCRIPT_TAIL_BYTES } from '../../../core/agent-hooks/transcript';

export async function lastMessageIn(file: string | undefined): Promise<string | undefined> {
  if (!file || !path.isAbsolute(file) || path.extname(file) !== '.jsonl') return undefined;
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK));
    const stat = await handle.stat();
    if (!stat.isFile()) return undefined;
    const length = Math.min(stat.size, TRANSCRIPT_TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, stat.size - length);
    return lastAssistantText(buffer.subarray(0, bytesRead).toString('utf8'), stat.size > length);
  } catch {
    // Gone, unreadable, not ours to read: the text goes without the last message.
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
