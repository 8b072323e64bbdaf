import { useEffect, useRef, type ReactNode } from 'react';
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
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
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
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </>
      )}
    </dialog>
  );
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
}

/** A dialog holding one form, with the usual « Annuler » and submit buttons in its footer. */
export function FormDialog({ title, formId, submitLabel, onClose, children, saving = false, savingLabel = 'Enregistrement…', width = 620 }: FormDialogProps) {
  return (
    <Dialog
      title={title}
      open
      onClose={onClose}
      width={width}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
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
