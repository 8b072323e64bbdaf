import { useEffect, useState } from 'react';

/** Hash routes (#/partenaires/<id>) survive a reload and need no history server. */
export function useRoute(): string[] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function navigate(...segments: string[]): void {
  window.location.hash = `#/${segments.map(encodeURIComponent).join('/')}`;
}

let arrivingAtCreated = false;

/**
 * Opens the page of a record just created, with the focus on its heading: a screen reader
 * announces where the user landed, and Tab continues from there rather than from the page's top.
 */
export function navigateToCreated(...segments: string[]): void {
  arrivingAtCreated = true;
  navigate(...segments);
}

/** The ref of a record page's heading (which needs tabIndex={-1}): takes the focus after navigateToCreated. */
export function focusIfCreated(heading: HTMLElement | null): void {
  if (heading && arrivingAtCreated) {
    arrivingAtCreated = false;
    heading.focus();
  }
}
