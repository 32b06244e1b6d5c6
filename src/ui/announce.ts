// One polite ARIA live region for the whole document: spoken prompts and status changes are also announced to
// screen readers (issue 13). Visually hidden; created on first use.

let region: HTMLElement | null = null;
let clearTimer: ReturnType<typeof setTimeout> | null = null;

function liveRegion(): HTMLElement {
  if (region?.isConnected) return region;
  region = document.createElement('div');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  region.dataset.testid = 'announce';
  // Visually hidden but read (the usual clip pattern; display:none would silence it).
  Object.assign(region.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: '0',
  });
  document.body.append(region);
  return region;
}

/**
 * Announces `text` politely. The same text twice in a row is announced again: the region is emptied first,
 * so screen readers see a change.
 */
export function announce(text: string): void {
  const el = liveRegion();
  if (clearTimer !== null) clearTimeout(clearTimer);
  el.textContent = '';
  // A new text node in a later task: screen readers announce additions, not an unchanged value.
  clearTimer = setTimeout(() => {
    clearTimer = null;
    el.textContent = text;
  }, 50);
}
