// One count of agent texts for the tools and the hooks together.
import assert from 'node:assert/strict';
import { AgentBudget } from '../../../src/core/agent/budget';

describe('agent budget', () => {
  it('takes up to the cap, gives back what surely did not leave, and never goes below zero', () => {
    const b = new AgentBudget();
    assert.equal(b.take(2), true);
    assert.equal(b.take(2), true);
    assert.equal(b.take(2), false);
    assert.equal(b.reached(2), true);
    assert.equal(b.left(2), 0);
    b.giveBack();
    assert.equal(b.left(2), 1);
    assert.equal(b.take(2), true);
    assert.equal(b.take(0), false, 'a cap of 0 turns agent texts off');
    b.giveBack();
    b.giveBack();
    b.giveBack();
    b.giveBack();
    assert.equal(b.left(1), 1);
  });
});
