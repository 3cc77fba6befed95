// The language model API as this extension uses it (VS Code 1.95+). engines.vscode stays at 1.93,
// whose @types/vscode has none of it, so the few types used are declared here, and every use
// checks that the host has it.
import * as vscode from 'vscode';

export interface PreparedToolInvocation {
  invocationMessage?: string;
  confirmationMessages?: { title: string; message: string | vscode.MarkdownString };
}

export interface ToolInvocationOptions {
  input: unknown;
  toolInvocationToken: unknown;
}

export interface LanguageModelToolResult {
  content: unknown[];
}

export interface LanguageModelTool {
  prepareInvocation(options: { input: unknown }, token: vscode.CancellationToken): Promise<PreparedToolInvocation>;
  invoke(options: ToolInvocationOptions, token: vscode.CancellationToken): Promise<LanguageModelToolResult>;
}

/** The part of the `vscode` module this extension uses from the language model API, when present. */
export interface LmApi {
  lm?: {
    registerTool?(name: string, tool: LanguageModelTool): vscode.Disposable;
    invokeTool?(name: string, options: ToolInvocationOptions, token?: vscode.CancellationToken): Thenable<LanguageModelToolResult>;
  };
  LanguageModelToolResult?: new (content: unknown[]) => LanguageModelToolResult;
  LanguageModelTextPart?: new (value: string) => { value: string };
}

export const lmApi = (): LmApi => vscode as unknown as LmApi;
