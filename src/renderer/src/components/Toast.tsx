import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { UndoOffer } from '../../../shared/model/undo';
import { api, errorMessage } from '../api';
import './Toast.css';

type Tone = 'success' | 'error' | 'info';
/** A button in the message (« Annuler »), offered for as long as the message shows. */
interface ToastAction {
  label: string;
  seconds: number;
  run: () => void;
}
interface ToastItem {
  id: number;
  tone: Tone;
  message: string;
  action?: ToastAction;
}

const ToastContext = createContext<(message: string, tone?: Tone, action?: ToastAction) => void>(() => {});

let nextId = 1;
const MAX_SHOWN = 2;

/** Short confirmations (« Structure enregistrée ») and errors, announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const show = useCallback((message: string, tone: Tone = 'success', action?: ToastAction) => {
    const id = nextId++;
    // Two at most: a burst of confirmations stacked four high over the buttons of the page.
    setToasts((list) => [...list, { id, tone, message, action }].slice(-MAX_SHOWN));
    // Errors stay longer: they usually need to be read, not just noticed; an offer to undo, as long as it holds.
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), action ? action.seconds * 1000 : tone === 'error' ? 8000 : 3500);
  }, []);
  const dismiss = (id: number) => setToasts((list) => list.filter((t) => t.id !== id));
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.tone}`}>
            <span>{t.message}</span>
            {t.action && <ToastButton action={t.action} onDone={() => dismiss(t.id)} />}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/**
 * « Annuler » within the message. A deletion usually takes the focus with it (its dialog closed, its
 * row gone): the button then takes it, so that the keyboard reaches it at once; otherwise Tab does.
 */
function ToastButton({ action, onDone }: { action: ToastAction; onDone: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // After the confirmation dialog has given the focus back (or found nothing to give it to).
    const timer = setTimeout(() => {
      if (document.activeElement === null || document.activeElement === document.body) ref.current?.focus();
    }, 50);
    return () => clearTimeout(timer);
  }, []);
  return (
    <button
      ref={ref}
      type="button"
      className="toast-action"
      onClick={() => {
        onDone();
        action.run();
      }}
    >
      {action.label}
    </button>
  );
}

export function useToast() {
  return useContext(ToastContext);
}

/**
 * Runs a call to main and says how it went: `done` in a toast when given and the call succeeds, the
 * French message of the error when it fails (never a stack). Resolves to whether it succeeded; never rejects.
 */
export function useRun() {
  const toast = useToast();
  return useCallback(
    async (work: () => Promise<unknown>, done?: string): Promise<boolean> => {
      try {
        await work();
        if (done) toast(done);
        return true;
      } catch (error) {
        toast(errorMessage(error), 'error');
        return false;
      }
    },
    [toast],
  );
}

/**
 * Runs a deletion and says so with « Annuler » in the message while main keeps what it removed
 * (src/main/commission-file/undo.ts). `onUndone` shows the record again (reopens its page, reloads
 * the list). Resolves to the deletion's answer, or null when it failed (its error already shown).
 */
export function useUndoableDelete() {
  const toast = useToast();
  return useCallback(
    async <T extends { undo: UndoOffer | null }>(work: () => Promise<T>, done: string, onUndone: () => void | Promise<void>): Promise<T | null> => {
      let result: T;
      try {
        result = await work();
      } catch (error) {
        toast(errorMessage(error), 'error');
        return null;
      }
      const offer = result.undo;
      if (!offer) toast(done);
      else
        toast(done, 'success', {
          label: 'Annuler',
          seconds: offer.seconds,
          run: () => {
            void (async () => {
              try {
                await api.history.undoDeletion({ token: offer.token });
                await onUndone();
                toast('Suppression annulée.');
              } catch (error) {
                toast(errorMessage(error), 'error');
              }
            })();
          },
        });
      return result;
    },
    [toast],
  );
}
