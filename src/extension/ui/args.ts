// The one way every command reads its optional argument (keybinding `args`, other extensions,
// tests, menus): a strict zod object per command, and errors that name the command and the field.
import * as vscode from 'vscode';
import * as z from '../../core/zod';
import { ValidationError } from '../../core/client/errors';
import { fieldName } from '../../core/schema';

export interface ArgsOptions<T> {
  /** A plain string stands for this field (`executeCommand('imessage.setToken', token)`). */
  shorthand?: string;
  /** What a menu's document Uri means; by default, no args. */
  uri?: (uri: vscode.Uri) => T | undefined;
}

/** Parses `arg` for `command`; no argument means `{}` (the schema's defaults). */
export function parseArgs<S extends z.ZodMiniObject>(
  command: string,
  schema: S,
  arg: unknown,
  options: ArgsOptions<z.input<S>> = {},
): z.output<S> {
  let value: unknown = arg ?? {};
  if (arg instanceof vscode.Uri) value = options.uri?.(arg) ?? {};
  else if (typeof arg === 'string' && options.shorthand) value = { [options.shorthand]: arg };
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new ValidationError(`${command} args.${issue.keys[0]}`, `is not an option (use ${Object.keys(schema.shape).join(', ')})`);
  }
  throw new ValidationError(`${command} args${issue.path.length ? `.${fieldName(issue.path)}` : ''}`, issue.message);
}

/** A document to act on: a Uri, or its string form. */
export const uriArg = z.union([z.string(), z.custom<vscode.Uri>((value) => value instanceof vscode.Uri, 'must be a URI')]);
