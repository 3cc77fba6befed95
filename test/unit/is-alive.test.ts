import assert from 'node:assert/strict';
import { isAlive } from '../../src/core/shared-files';

describe('isAlive (a pid read from a file another process wrote)', () => {
  it('this process is alive', () => {
    assert.equal(isAlive(process.pid), true);
  });

  it('0, negatives, fractions and NaN are not alive: kill() would signal a process group', () => {
    for (const pid of [0, -1, -process.pid, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(isAlive(pid), false, String(pid));
  });
});
