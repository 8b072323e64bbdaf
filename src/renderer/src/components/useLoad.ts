import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api';

export interface Loaded<T> {
  /** null while it comes. */
  data: T | null;
  /** Why it could not be read, in French. */
  error: string | null;
  /** Reads it again (after an import, a change elsewhere). */
  reload: () => void;
  /** Replaces it with what a write returned. */
  set: (data: T) => void;
}

/** A read started now, whose failure is handled where it is awaited (not reported as unhandled meanwhile). */
function start<T>(read: () => Promise<T>): Promise<T> {
  const request = read();
  request.catch(() => undefined);
  return request;
}

/**
 * What a page reads from main when it opens. The call starts while the page renders, not once it is
 * drawn: the wait for a large list (the directory's 2,000 structures) overlaps the drawing of the page.
 */
export function useLoad<T>(read: () => Promise<T>): Loaded<T> {
  const [request, setRequest] = useState(() => start(read));
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let current = true;
    request.then(
      (data) => current && setState({ data, error: null }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error: errorMessage(error) })),
    );
    return () => {
      current = false;
    };
  }, [request]);
  // The page's read function is the same call each time: the first one stands for all.
  const [reader] = useState(() => read);
  const reload = useCallback(() => setRequest(start(reader)), [reader]);
  const set = useCallback((data: T) => setState({ data, error: null }), []);
  return { ...state, reload, set };
}
