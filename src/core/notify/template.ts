// `imessage.notify.template`: the message text with ${placeholders}, in iMessage formatting.
// One pass, so a value that itself contains "${…}" (a command line, output) is never expanded.

export interface Finished {
  /** Task name, command line, "notebook cell n" or debug session name. */
  name: string;
  /** undefined when nothing reported one; 'failed' for work that fails without one (a notebook cell). */
  exitCode: ExitCode;
  durationMs: number;
  workspace: string;
  cwd: string;
  /** The last lines of output, already cleaned; '' when there is none (tasks). */
  output: string;
}

export type ExitCode = number | 'failed' | undefined;

export const PLACEHOLDERS = ['name', 'icon', 'status', 'exitCode', 'duration', 'workspace', 'cwd', 'output'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const DEFAULT_TEMPLATE = '**${icon} ${name}** ${status} in ${duration}';

const PLACEHOLDER = /\$\{([^}]*)\}/g;
const NAME_CHARS = 120;

/** The first unknown placeholder, so settings validation can name it; undefined when all are known. */
export function unknownPlaceholder(template: string): string | undefined {
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) return m[0];
  }
  return undefined;
}

export function placeholderValues(f: Finished, formatDuration: (ms: number) => string): Record<Placeholder, string> {
  return {
    name: shorten(f.name.replace(/\s+/g, ' ').trim(), NAME_CHARS),
    icon: f.exitCode === 0 ? '✅' : f.exitCode === undefined ? '⚠️' : '❌',
    status:
      f.exitCode === 0
        ? 'finished'
        : f.exitCode === undefined
          ? 'ended with an unknown exit code'
          : f.exitCode === 'failed'
            ? 'failed'
            : `failed with exit code ${f.exitCode}`,
    exitCode: f.exitCode === undefined ? 'unknown' : f.exitCode === 'failed' ? 'none' : String(f.exitCode),
    duration: formatDuration(f.durationMs),
    workspace: f.workspace,
    cwd: f.cwd,
    output: f.output,
  };
}

export function renderTemplate(template: string, values: Record<Placeholder, string>): string {
  const text = template.replace(PLACEHOLDER, (whole, key: string) => (key in values ? values[key as Placeholder] : whole));
  // An empty ${output} or ${workspace} must not leave dangling blank lines or spaces behind.
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
