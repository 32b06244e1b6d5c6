// Keyboard focus across re-renders: views rebuild their DOM, which drops focus to the page body. The keeper puts
// it back on the same control (same data-testid) or, failing that, on the nearest sensible heading.
export interface FocusKeeperOptions {
  /** Where focus goes when the control it was on is gone (a heading with tabindex=-1, say). */
  fallback: () => HTMLElement | null;
}

/** Makes `el` focusable from script only, and focuses it without scrolling the page away from the top. */
export function focusHeading(el: HTMLElement): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
}

function usable(el: HTMLElement): boolean {
  return el.isConnected && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0;
}

/**
 * Watches `root`: when the focused element is removed (a view re-rendered under it), focus moves to the new
 * element with the same data-testid, else to `fallback()`. A click on empty page space is left alone (the
 * element that had focus is still there then).
 */
export function keepFocus(root: HTMLElement, opts: FocusKeeperOptions): () => void {
  let last: HTMLElement | null = null;
  const onFocusIn = (ev: FocusEvent): void => {
    last = ev.target instanceof HTMLElement ? ev.target : null;
  };
  document.addEventListener('focusin', onFocusIn);
  const observer = new MutationObserver(() => {
    if (!last || last.isConnected) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const id = last.dataset.testid;
    const same = id ? root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`) : null;
    const target = same && usable(same) ? same : opts.fallback();
    last = null;
    if (!target) return;
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    document.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}
