// The compose page's elements, looked up once: the page's HTML is fixed (features/compose/html.ts).

/** The From choice that shows the field for a typed number. */
export const OTHER = '__other__';

export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export const el = {
  form: byId<HTMLFormElement>('form'),
  to: byId<HTMLInputElement>('to'),
  toSuggestions: byId<HTMLDataListElement>('to-suggestions'),
  fromChoice: byId<HTMLSelectElement>('from-choice'),
  fromCustom: byId<HTMLInputElement>('from-custom'),
  fromReload: byId<HTMLButtonElement>('from-reload'),
  fromStatus: byId('from-status'),
  message: byId<HTMLTextAreaElement>('message'),
  toolbar: document.querySelector<HTMLElement>('.toolbar')!,
  attachmentList: byId<HTMLUListElement>('attachment-list'),
  attachmentInput: byId<HTMLInputElement>('attachment-input'),
  attachmentAdd: byId<HTMLButtonElement>('attachment-add'),
  fallbackUnsupported: byId<HTMLInputElement>('fallback-unsupported'),
  fallbackFails: byId<HTMLInputElement>('fallback-fails'),
  fallbackFrom: byId<HTMLInputElement>('fallback-from'),
  fastTrack: byId<HTMLInputElement>('fast-track'),
  legacyNote: byId('legacy-note'),
  replaced: byId('replaced'),
  restore: byId<HTMLButtonElement>('restore'),
  send: byId<HTMLButtonElement>('send'),
  result: byId('result'),
  viewToggle: byId<HTMLButtonElement>('view-toggle'),
  previewKind: byId('preview-kind'),
  bubble: byId('bubble'),
  chips: byId<HTMLUListElement>('chips'),
  counts: byId('counts'),
  warnings: byId('warnings'),
  details: byId<HTMLDetailsElement>('details'),
  detailsSummary: byId('details-summary'),
  conversation: {
    section: byId('conversation'),
    heading: byId('page-title'),
    announcer: byId('announcer'),
    title: byId('conversation-title'),
    unread: byId('conversation-unread'),
    error: byId('conversation-error'),
    list: byId('conversation-list'),
  },
};
