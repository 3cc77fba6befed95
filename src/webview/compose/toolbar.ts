// Formatting from the toolbar and the keyboard (Ctrl/Cmd+B and friends): the marker wraps the
// selection through the textarea's undo stack. The toolbar is one tab stop; arrow keys move
// between its buttons (WAI-ARIA toolbar pattern).
import { el } from './elements';
import { roving } from './roving';
import { shortcutMarker, toggleMarker } from './wrap';

/** `changed` reports the edit when the browser could not make it through `insertText`. */
export function wireToolbar(changed: (field: string) => void) {
  const applyMarker = (marker: string) => {
    const area = el.message;
    const edit = toggleMarker(area.value, area.selectionStart, area.selectionEnd, marker);
    area.focus();
    area.setSelectionRange(edit.from, edit.to);
    // insertText keeps the edit on the textarea's undo stack; it fires `input` itself.
    if (!document.execCommand('insertText', false, edit.text)) {
      area.setRangeText(edit.text, edit.from, edit.to);
      changed('message');
    }
    area.setSelectionRange(edit.selectionStart, edit.selectionEnd);
  };

  const tools = [...el.toolbar.querySelectorAll<HTMLButtonElement>('button')];
  for (const tool of tools) tool.addEventListener('click', () => applyMarker(tool.dataset.marker!));
  roving(tools, tools[0]!, true);

  el.message.addEventListener('keydown', (e) => {
    const marker = shortcutMarker(e);
    if (!marker) return;
    e.preventDefault();
    // Otherwise the workbench also sees the keys (Ctrl+B would toggle the side bar).
    e.stopPropagation();
    applyMarker(marker);
  });
}
