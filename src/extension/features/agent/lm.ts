// Loaded at activation: registers the language model tools `imessage_notify` and `imessage_ask`
// when the host has the API (vscode.lm.registerTool, VS Code 1.95+; see lm-api.ts); a host
// without it simply gets no tools. Registration is two small objects: the tools' code (zod, the
// sender) loads on the first prepare or invoke.
import * as vscode from 'vscode';
import { TOOL_NAMES, type ToolName } from '../../../core/agent/names';
import type { Services } from '../../services';
import { type LanguageModelTool, lmApi } from './lm-api';

/** Registers both tools, or nothing on a host without the API. */
export function registerAgentTools(services: () => Promise<Services>): vscode.Disposable {
  const api = lmApi();
  if (!api.lm?.registerTool || !api.LanguageModelToolResult || !api.LanguageModelTextPart) return new vscode.Disposable(() => {});
  const load = () => Promise.all([services(), import('./tools')]);
  const tool = (name: ToolName): LanguageModelTool => ({
    async prepareInvocation(options, token) {
      const [s, tools] = await load();
      return tools.prepare(s, name, options.input, token);
    },
    async invoke(options, token) {
      const [s, tools] = await load();
      return new api.LanguageModelToolResult!([new api.LanguageModelTextPart!(await tools.invoke(s, name, options.input, token))]);
    },
  });
  return vscode.Disposable.from(...TOOL_NAMES.map((name) => api.lm!.registerTool!(name, tool(name))));
}
