// One tab stop for a group of controls (WAI-ARIA "roving tabindex"): the formatting toolbar, a
// message's tapbacks, the messages of the conversation.

/**
 * Makes `active` the group's one tab stop and returns it. With `arrows`, Left and Right (wrapping),
 * Home and End move the focus and the tab stop along `items`, as in a toolbar.
 */
export function roving<T extends HTMLElement>(items: readonly T[], active: T, arrows = false): T {
  for (const item of items) item.tabIndex = item === active ? 0 : -1;
  if (!arrows) return active;
  items.forEach((item, i) =>
    item.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      const jump = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : undefined;
      if (!step && jump === undefined) return;
      e.preventDefault();
      roving(items, items[jump ?? (i + step + items.length) % items.length]!).focus();
    }),
  );
  return active;
}
