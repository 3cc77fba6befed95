// The sandbox's API down, as this extension host sees it. fetch keeps connections alive: a socket
// the sandbox closed that the host has not yet seen close would take the next request, which is
// then reset after it was written, and that is "may have been sent", not the refusal a test of
// "surely not sent" needs. Each failed request drops one such socket; a refusal means none is left.
import * as assert from 'node:assert/strict';

interface Sandbox {
  url: string;
  outage(outage: { kind: 'down' }): Promise<unknown>;
}

export async function apiDown(sandbox: Sandbox): Promise<void> {
  await sandbox.outage({ kind: 'down' });
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = await fetch(`${sandbox.url}/__sandbox/requests`).then(
      () => 'answered',
      (e: { cause?: { code?: string } }) => e.cause?.code,
    );
    if (code === 'ECONNREFUSED') return;
  }
  assert.fail('the host never saw the sandbox refuse a connection');
}
