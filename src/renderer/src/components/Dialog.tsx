import { useEffect, useRef, useState, type ReactNode } from 'react';
import './Dialog.css';

interface DialogProps {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
}

/** A modal built on the native <dialog>: focus trapping, Échap to close and a backdrop for free. */
export function Dialog({ title, open, onClose, children, footer, width = 560 }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      // showModal focuses « × », the first control; the user came for the first field, or the first button,
      // or, in a dialog that only shows something, its content (from where the arrows scroll it).
      // In that order: one querySelector over the three would pick the body itself, first in the document.
      const first =
        dialog.querySelector<HTMLElement>(`.dialog-body :is(${FOCUSABLE})`) ??
        dialog.querySelector<HTMLElement>(`.dialog-footer :is(${FOCUSABLE})`) ??
        dialog.querySelector<HTMLElement>('.dialog-body');
      first?.focus();
    }
    if (!open && dialog.open) {
      dialog.close();
      restoreFocus(opener);
    }
  }, [open]);
  // Most dialogs are unmounted rather than closed: give the focus back then too.
  useEffect(() => () => restoreFocus(opener), []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      style={{ width }}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header className="dialog-header">
            <h2>{title}</h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label="Fermer">
              ×
            </button>
          </header>
          <div className="dialog-body" tabIndex={-1}>
            {children}
          </div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </>
      )}
    </dialog>
  );
}

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex="0"]';

/** Back to the control that opened the dialog, if it is still on the page (after a creation, the new page takes over). */
function restoreFocus(opener: { current: Element | null }) {
  const element = opener.current;
  opener.current = null;
  if (element instanceof HTMLElement && element.isConnected && document.activeElement !== element) element.focus();
}

interface FormDialogProps {
  title: string;
  /** Id of the <form> inside: the footer's submit button belongs to it. */
  formId: string;
  submitLabel: ReactNode;
  onClose: () => void;
  children: ReactNode;
  saving?: boolean;
  savingLabel?: string;
  width?: number;
  /** The form holds unsaved changes: Échap, × and « Annuler » ask before dropping them. */
  dirty?: boolean;
}

/** A dialog holding one form, with the usual « Annuler » and submit buttons in its footer. */
export function FormDialog({ title, formId, submitLabel, onClose, children, saving = false, savingLabel = 'Enregistrement…', width = 620, dirty = false }: FormDialogProps) {
  const [confirming, setConfirming] = useState(false);
  const close = () => (dirty ? setConfirming(true) : onClose());
  return (
    <>
      <Dialog
        title={title}
        open
        onClose={close}
        width={width}
        footer={
          <>
            <button type="button" className="button" onClick={close}>
              Annuler
            </button>
            <button type="submit" form={formId} className="button primary" disabled={saving}>
              {saving ? savingLabel : submitLabel}
            </button>
          </>
        }
      >
        {children}
      </Dialog>
      <ConfirmDialog open={confirming} title="Abandonner les modifications ?" confirmLabel="Abandonner" danger onConfirm={onClose} onCancel={() => setConfirming(false)}>
        <p>Ce que vous avez saisi dans « {title} » n’a pas été enregistré et sera perdu.</p>
      </ConfirmDialog>
    </>
  );
}

interface ConfirmProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
}

export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel, danger }: ConfirmProps) {
  return (
    <Dialog
      title={title}
      open={open}
      onClose={onCancel}
      width={480}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} autoFocus>
            Annuler
          </button>
          <button type="button" className={danger ? 'button danger' : 'button primary'} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
