// One list of user-only settings: what package.json contributes (each in application scope), what it
// lists as restricted in Restricted Mode, and what the workspace guard protects must be the same.
import assert from 'node:assert/strict';
import pkg from '../../../package.json';
import { PROTECTED_SETTINGS } from '../../../src/core/protected-settings';

describe('settings, restricted settings and protected settings agree', () => {
  const properties = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;

  it('every contributed setting is application-scoped, restricted and protected, and nothing else is', () => {
    const contributed = Object.keys(properties).sort();
    assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), contributed);
    assert.deepEqual([...PROTECTED_SETTINGS].sort(), contributed);
    for (const id of contributed) assert.equal(properties[id]!.scope, 'application', id);
  });

  it('includes the conversations setting', () => {
    assert.ok(PROTECTED_SETTINGS.includes('imessage.conversations.markRead'));
  });
});
