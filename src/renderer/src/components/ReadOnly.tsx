import { createContext, useContext, type ReactNode } from 'react';

/**
 * Whether the open commission is read-only (a file, folder or disk this user cannot write): the
 * main process refuses every write then (api/read-only.ts), and the screens offer none.
 */
export const ReadOnlyContext = createContext(false);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

/** Buttons and panels that change the commission: left out when it is read-only. */
export function Writes({ children }: { children: ReactNode }) {
  return useReadOnly() ? null : <>{children}</>;
}

/** A record's fields: shown as they are, but disabled, when the commission is read-only. */
export function EditableFields({ children }: { children: ReactNode }) {
  return useReadOnly() ? (
    <fieldset className="read-only-fields" disabled>
      {children}
    </fieldset>
  ) : (
    <>{children}</>
  );
}
