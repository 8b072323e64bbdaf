import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { errorMessage } from '../api';
import './Toast.css';

type Tone = 'success' | 'error' | 'info';
interface ToastItem {
  id: number;
  tone: Tone;
  message: string;
}

const ToastContext = createContext<(message: string, tone?: Tone) => void>(() => {});

let nextId = 1;
const MAX_SHOWN = 2;

/** Short confirmations (« Structure enregistrée ») and errors, announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const show = useCallback((message: string, tone: Tone = 'success') => {
    const id = nextId++;
    // Two at most: a burst of confirmations stacked four high over the buttons of the page.
    setToasts((list) => [...list, { id, tone, message }].slice(-MAX_SHOWN));
    // Errors stay longer: they usually need to be read, not just noticed.
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), tone === 'error' ? 8000 : 3500);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.tone}`}>
            {t.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
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
