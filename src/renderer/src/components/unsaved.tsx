import { useEffect, useState } from 'react';
import { ConfirmDialog } from './Dialog';

/** Every form currently holding changes not yet saved. */
const dirtyForms = new Set<symbol>();
let ask: ((proceed: () => void) => void) | null = null;

/** Marks the calling component as holding unsaved changes while `dirty` is true. */
export function useUnsavedChanges(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const token = Symbol('unsaved');
    dirtyForms.add(token);
    return () => void dirtyForms.delete(token);
  }, [dirty]);
}

/** Runs `proceed` at once when nothing is unsaved, else once the user agrees to lose the changes. */
export function confirmLeave(proceed: () => void) {
  if (dirtyForms.size === 0 || !ask) proceed();
  else ask(proceed);
}

/**
 * Mounted once in the shell: asks before an in-app link leaves a form with unsaved changes, and
 * lets the window's own closing (or a reload) ask too.
 */
export function UnsavedChangesGuard() {
  const [pending, setPending] = useState<(() => void) | null>(null);
  useEffect(() => {
    ask = (proceed) => setPending(() => proceed);
    // Capture phase: the hash must not change before the user has answered.
    const onClick = (event: MouseEvent) => {
      if (dirtyForms.size === 0 || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
      const href = link?.getAttribute('href');
      if (!href || href === window.location.hash) return;
      event.preventDefault();
      confirmLeave(() => (window.location.hash = href));
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyForms.size > 0) event.preventDefault();
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      ask = null;
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);
  return (
    <ConfirmDialog
      open={pending !== null}
      title="Quitter sans enregistrer ?"
      confirmLabel="Quitter sans enregistrer"
      danger
      onConfirm={() => {
        const proceed = pending;
        setPending(null);
        // The forms left behind unmount right after; until then they must not ask again.
        dirtyForms.clear();
        proceed?.();
      }}
      onCancel={() => setPending(null)}
    >
      <p>Vos modifications n’ont pas été enregistrées : si vous quittez cette page, elles seront perdues.</p>
    </ConfirmDialog>
  );
}
