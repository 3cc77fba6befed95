// What to ask before a selection goes out: long texts need a confirmation, and text the
// recipient's Messages app would reformat (code such as `**kwargs`) gets a warning that shows
// where, with the choice to finish it in Compose instead.
import { countCharacters, parse } from '../../../core/format';
import type { FormatNode, FormatTree } from '../../../core/format';
import { prompt } from '../../ui/prompts';
import { says } from '../../../core/untrusted-text';

export type Decision = 'send' | 'compose' | 'cancel';

export const CHECK_ACTIONS = { send: 'Send', sendAnyway: 'Send Anyway', openInCompose: 'Open in Compose' } as const;

export interface CheckContext {
  /** Who it goes to, as the user will recognise it. */
  to: string;
  confirmAboveChars: number;
  composeAvailable: boolean;
}

export async function checkBeforeSend(text: string, context: CheckContext): Promise<Decision> {
  const characters = countCharacters(text);
  const long = characters > context.confirmAboveChars;
  const formatted = styledExcerpts(parse(text));
  if (formatted.length === 0 && !long) return 'send';

  const length = `${characters.toLocaleString('en-US')} characters`;
  if (formatted.length === 0) {
    const answer = await prompt({
      severity: 'warning',
      modal: true,
      message: says`Send ${length} to ${context.to}?`,
      detail: says`This is longer than imessage.confirmAboveChars (${context.confirmAboveChars}).`,
      actions: [CHECK_ACTIONS.send],
    });
    return answer === CHECK_ACTIONS.send ? 'send' : 'cancel';
  }

  const shown = formatted.slice(0, 3).map((f) => `line ${f.line}: ${f.excerpt} → ${f.style}`);
  if (formatted.length > 3) shown.push(`… and ${formatted.length - 3} more`);
  const actions: string[] = [CHECK_ACTIONS.sendAnyway];
  if (context.composeAvailable) actions.push(CHECK_ACTIONS.openInCompose);
  const answer = await prompt({
    severity: 'warning',
    modal: true,
    message: says`iMessage would read part of this text as formatting and drop the markers (${length} to ${context.to}).`,
    detail: says`${shown.join('\n')}\n\nSend it as it is, ${context.composeAvailable ? 'open it in Compose to adjust it, ' : ''}or cancel.`,
    actions,
  });
  if (answer === CHECK_ACTIONS.sendAnyway) return 'send';
  if (answer === CHECK_ACTIONS.openInCompose) return 'compose';
  return 'cancel';
}

interface StyledExcerpt {
  line: number;
  excerpt: string;
  style: string;
}

/** The outermost formatted runs, as typed, with the style the recipient would see. */
function styledExcerpts(tree: FormatTree): StyledExcerpt[] {
  const found: StyledExcerpt[] = [];
  const visit = (nodes: FormatNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'style') continue;
      const raw = tree.source.slice(node.open.start, node.close.end);
      const styles = [node.style];
      for (let inner = node.children; inner.length === 1 && inner[0]!.type === 'style'; inner = inner[0].children) {
        styles.push(inner[0].style);
      }
      found.push({
        line: lineOf(tree.source, node.open.start),
        excerpt: raw.length > 40 ? `${raw.slice(0, 37)}…` : raw,
        style: styles.join(' + '),
      });
    }
  };
  visit(tree.children);
  return found;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}
