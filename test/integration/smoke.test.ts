import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

describe('smoke: the extension in a real host', () => {
  it('receives the runner environment', () => {
    assert.equal(process.env.IMESSAGE_TEST, '1');
  });

  it(`finds and activates ${EXTENSION_ID}`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    assert.equal(ext.packageJSON.version, pkg.version);
  });

  it('runs in the host the route promises, where the workspace is (extensionKind: workspace)', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    if (process.env.IMESSAGE_TEST_HOST === 'electron') {
      assert.equal(vscode.env.uiKind, vscode.UIKind.Desktop);
      assert.equal(vscode.env.remoteName, undefined);
      // Without a remote there is one extension host, which VS Code reports as the UI one.
      assert.equal(ext.extensionKind, vscode.ExtensionKind.UI);
    } else {
      // code-server: a browser workbench talking to a remote Node extension host, as over SSH, in a
      // container or in WSL: the extension runs there, next to the terminals, tasks and files.
      assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
      assert.ok(vscode.env.remoteName, 'expected a remote extension host');
      assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    }
  });
});
