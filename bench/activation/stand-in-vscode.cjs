// A stand-in `vscode` module for measuring the production bundle in plain Node: real enough for
// activation and for a feature's first use (commands run, pickers and panels are created), with
// no workbench behind it. Any API not spelled out here is a no-op that returns a disposable stub.
'use strict';

const calls = new Map();
/** Resolves the next time `name` (for example `createQuickPick.show`) is called. */
function when(name) {
  return new Promise((resolve) => calls.set(name, resolve));
}
function called(name) {
  const resolve = calls.get(name);
  calls.delete(name);
  resolve?.();
}

function stub(name) {
  const fn = function () {
    return stub(`${name}()`);
  };
  return new Proxy(fn, {
    get(target, key) {
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (!(key in target) || key === 'name' || key === 'length') target[key] = stub(`${name}.${key}`);
      return target[key];
    },
    construct: () => stub(`new ${name}`),
  });
}
/** Explicit members first, a stub for anything else. */
const ns = (name, members = {}) =>
  new Proxy(members, { get: (t, k) => (k in t || typeof k === 'symbol' ? t[k] : (t[k] = stub(`${name}.${String(k)}`))) });
const disposable = () => ({ dispose() {} });
const event = () => () => disposable();

class EventEmitter {
  listeners = new Set();
  event = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value) {
    for (const l of this.listeners) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}
class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  dispose() {
    this.fn?.();
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
}
class Uri {
  constructor(scheme, path) {
    this.scheme = scheme;
    this.path = path;
    this.fsPath = path;
  }
  static file(path) {
    return new Uri('file', path);
  }
  static parse(text) {
    return new Uri('file', text);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, [base.path, ...parts].join('/'));
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
}
class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
  compareTo(other) {
    return this.line - other.line || this.character - other.character;
  }
}
class Range {
  constructor(a, b, c, d) {
    this.start = typeof a === 'number' ? new Position(a, b) : a;
    this.end = typeof a === 'number' ? new Position(c, d) : b;
  }
  get isEmpty() {
    return this.start.compareTo(this.end) === 0;
  }
}
class Selection extends Range {
  get active() {
    return this.end;
  }
}

const commands = new Map();
const memento = () => {
  const values = new Map();
  return {
    get: (k, d) => (values.has(k) ? values.get(k) : d),
    update: async (k, v) => void values.set(k, v),
    keys: () => [...values.keys()],
  };
};
const secrets = new Map();

const TEXT = 'The deploy of **main** finished in 4m 12s.';
const document = { uri: Uri.file('/work/note.txt'), getText: () => TEXT, lineAt: () => ({ text: TEXT }), languageId: 'plaintext' };

function quickPick() {
  return ns('QuickPick', {
    items: [],
    onDidChangeValue: event(),
    onDidAccept: event(),
    onDidHide: event(),
    onDidChangeSelection: event(),
    show: () => called('createQuickPick.show'),
    hide() {},
    dispose() {},
  });
}
function webviewPanel() {
  return ns('WebviewPanel', {
    webview: ns('Webview', {
      cspSource: 'vscode-resource:',
      asWebviewUri: (u) => u,
      onDidReceiveMessage: event(),
      postMessage: async () => true,
      options: {},
      html: '',
    }),
    onDidDispose: event(),
    onDidChangeViewState: event(),
    reveal() {},
    dispose() {},
  });
}

const vscode = {
  EventEmitter,
  Disposable,
  Uri,
  Position,
  Range,
  Selection,
  CodeLens: class {},
  Diagnostic: class {},
  MarkdownString: class {},
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  UIKind: { Desktop: 1, Web: 2 },
  commands: ns('commands', {
    registerCommand(id, handler) {
      commands.set(id, handler);
      return disposable();
    },
    executeCommand: async (id, ...args) => commands.get(id)?.(...args),
    getCommands: async () => [...commands.keys()],
  }),
  window: ns('window', {
    activeTextEditor: { document, selections: [new Selection(0, 0, 0, TEXT.length)] },
    state: { focused: true },
    terminals: [],
    createOutputChannel: () => ns('LogOutputChannel', { info() {}, warn() {}, error() {}, show() {}, dispose() {} }),
    createQuickPick: quickPick,
    createWebviewPanel: webviewPanel,
    createStatusBarItem: () => ns('StatusBarItem', { show() {}, hide() {}, dispose() {} }),
    registerWebviewPanelSerializer: disposable,
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    withProgress: (_options, task) => task({ report() {} }, { onCancellationRequested: event(), isCancellationRequested: false }),
  }),
  workspace: ns('workspace', {
    getConfiguration: () => ({
      get: (_key, fallback) => fallback,
      inspect: () => undefined,
      update: async () => undefined,
      has: () => false,
    }),
    onDidChangeConfiguration: event(),
    onDidChangeTextDocument: event(),
    onDidCloseTextDocument: event(),
    workspaceFolders: undefined,
    textDocuments: [],
    name: undefined,
  }),
  languages: ns('languages', { registerCodeLensProvider: disposable, createDiagnosticCollection: () => ns('DiagnosticCollection') }),
  env: ns('env', { clipboard: { writeText: async () => undefined }, uiKind: 2 }),
  tasks: ns('tasks', { onDidStartTask: event(), onDidStartTaskProcess: event(), onDidEndTaskProcess: event(), onDidEndTask: event() }),
  extensions: ns('extensions'),
};

// The real module has a property for every export of the API (188 in @types/vscode 1.93, more in
// newer hosts), and code that copies a module's properties, as esbuild's CommonJS interop does,
// pays for each one: the stand-in has them all, so such a cost shows here as it would in VS Code.
const typings = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
// A class is a class, so that a module whose top level extends one (a TreeItem) loads.
for (const [, kind, name] of typings.matchAll(/^\texport (class|enum|namespace|const) (\w+)/gm)) {
  if (!(name in vscode)) vscode[name] = kind === 'class' ? class {} : ns(name);
}

/** What activate() receives. */
const context = {
  subscriptions: [],
  globalState: memento(),
  workspaceState: memento(),
  secrets: {
    get: async (k) => secrets.get(k),
    store: async (k, v) => void secrets.set(k, v),
    delete: async (k) => void secrets.delete(k),
    onDidChange: event(),
  },
  extensionUri: Uri.file('/extension'),
  extensionPath: '/extension',
  logUri: Uri.file('/tmp/log'),
  globalStorageUri: Uri.file('/tmp/global'),
  storageUri: undefined,
  extensionMode: 1,
};

module.exports = { vscode, context, when, commands };
