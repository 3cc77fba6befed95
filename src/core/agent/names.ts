// Shapes the bundle: the tools' names (package.json#contributes.languageModelTools), apart from
// their rules so that activation can register them without loading zod.
export const NOTIFY_TOOL = 'imessage_notify';
export const ASK_TOOL = 'imessage_ask';
export const TOOL_NAMES = [NOTIFY_TOOL, ASK_TOOL] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
