// Whether a process still runs, for files that name their writer's pid (outbox claims, hook
// channel registrations, open questions). A pid read from such a file is hostile input: 0 and
// negatives would make kill() signal a whole process group, so they are "not alive".
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but is another user's; not one of ours, but alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
