import type { ReactNode } from 'react';

/** What a page shows when its data could not be read: the French reason, and the way back when there is one. */
export function LoadError({ message, back }: { message: string; back?: ReactNode }) {
  return (
    <div className="page">
      {back}
      <p className="form-error">{message}</p>
    </div>
  );
}
