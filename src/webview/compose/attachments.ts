// The draft's attachment URLs: the list under the field, the chips in the preview, and adding and
// removing them. `changed` reports an edit to the host as every other field does.
import { el } from './elements';
import { attachmentName } from './preview';
import { problems, renderProblems } from './problems';

let urls: string[] = [];

export function attachmentUrls(): string[] {
  return [...urls];
}

export function showAttachments(shown: readonly string[]) {
  urls = [...shown];
  renderAttachments();
}

export function wireAttachments(changed: (field: string) => void) {
  const add = () => {
    const url = el.attachmentInput.value.trim();
    if (url === '') return;
    urls.push(url);
    el.attachmentInput.value = '';
    renderAttachments();
    changed(`attachments[${urls.length - 1}]`);
  };
  el.attachmentAdd.addEventListener('click', add);
  el.attachmentInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      add();
    }
  });
  el.attachmentList.addEventListener('click', (e) => {
    const index = Number((e.target as HTMLElement).closest<HTMLButtonElement>('button[data-index]')?.dataset.index);
    if (!Number.isInteger(index)) return;
    urls.splice(index, 1);
    problems.forgetAttachments();
    renderAttachments();
    changed('attachments');
    const next = el.attachmentList.querySelectorAll<HTMLButtonElement>('button')[Math.min(index, urls.length - 1)];
    (next ?? el.attachmentInput).focus();
  });
}

function renderAttachments() {
  el.attachmentList.replaceChildren(
    ...urls.map((url, i) => {
      const li = document.createElement('li');
      const text = document.createElement('span');
      text.className = 'url';
      text.textContent = url;
      text.id = `attachment-${i}`;
      const error = document.createElement('div');
      error.className = 'error';
      error.id = `attachments[${i}]-error`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary';
      remove.textContent = 'Remove';
      remove.dataset.index = String(i);
      remove.setAttribute('aria-label', `Remove attachment ${i + 1}: ${url}`);
      remove.setAttribute('aria-describedby', error.id);
      li.append(text, remove, error);
      return li;
    }),
  );
  el.chips.replaceChildren(
    ...urls.map((url) => {
      const chip = document.createElement('li');
      chip.className = 'chip';
      chip.textContent = attachmentName(url);
      chip.title = url;
      return chip;
    }),
  );
  renderProblems();
}
