import { cloneElement, isValidElement, useCallback, useEffect, useId, useMemo, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { CodeSelect } from './CodeSelect';
import { DateInput } from './DateInput';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { useUnsavedChanges } from './unsaved';

/** Shown under free-text fields: that is where identifying details slip in. */
export const PRIVACY_HINT = 'Ne saisissez aucune information permettant d’identifier une victime ou un mineur.';

type Errors = Record<string, string>;

/**
 * Form state validated with the same zod schema as main, so inline messages match what the
 * API would answer; errors returned by the API are mapped back onto the fields. A form whose
 * values differ from what it was given (or last reset to) is `dirty`: leaving it asks first.
 */
export function useForm<S extends z.ZodType>(schema: S, initial: z.input<S>) {
  const [values, setValues] = useState<z.input<S>>(initial);
  const [baseline, setBaseline] = useState<z.input<S>>(initial);
  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(baseline), [values, baseline]);
  useUnsavedChanges(dirty);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // The form whose submit just failed: once its messages are rendered, its first field in error takes the focus.
  const failedForm = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    const form = failedForm.current;
    if (!form) return;
    failedForm.current = null;
    const field = form.querySelector('.field.has-error');
    const control = field?.querySelector<HTMLElement>('[aria-invalid="true"], input:not([type="hidden"]), select, textarea, button');
    if (!control) return;
    control.focus({ preventScroll: true });
    field!.scrollIntoView({ block: 'center' });
  }, [errors]);

  const set = useCallback(<K extends keyof z.input<S>>(key: K, value: z.input<S>[K]) => {
    setValues((v) => ({ ...(v as object), [key]: value }) as z.input<S>);
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key as string]: _removed, ...rest } = e;
      return rest;
    });
  }, []);

  /** The parsed value, or null after showing the messages. */
  const validate = useCallback((): z.output<S> | null => {
    const result = schema.safeParse(values);
    if (result.success) {
      setErrors({});
      setFormError(null);
      return result.data;
    }
    setErrors(toErrors(result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))));
    setFormError('Certains champs sont à corriger.');
    failedForm.current ??= formOf(document.activeElement);
    return null;
  }, [schema, values]);

  const showError = useCallback((error: unknown) => {
    if (error instanceof ApiError) {
      if (error.details?.length) {
        setErrors(toErrors(error.details));
        failedForm.current ??= formOf(document.activeElement);
      } else failedForm.current = null;
      setFormError(error.message);
    } else {
      failedForm.current = null;
      setFormError('Une erreur inattendue est survenue ; rien n’a été modifié.');
    }
  }, []);

  const [saving, setSaving] = useState(false);

  /** An onSubmit handler: validates, hands the parsed input to `write`, and shows its errors in the form. */
  const submit = useCallback(
    (write: (input: z.output<S>) => Promise<unknown>) => async (event?: React.FormEvent) => {
      event?.preventDefault();
      const form = event?.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
      failedForm.current = form;
      const input = validate();
      if (!input) return;
      failedForm.current = null;
      setSaving(true);
      try {
        await write(input);
      } catch (error) {
        failedForm.current = form;
        showError(error);
      } finally {
        setSaving(false);
      }
    },
    [validate, showError],
  );

  const reset = useCallback((next: z.input<S>) => {
    setValues(next);
    setBaseline(next);
    setErrors({});
    setFormError(null);
  }, []);

  return { values, set, errors, formError, validate, showError, reset, saving, submit, dirty };
}

/**
 * A form's initial values from a record read from the API: only the schema's own fields. A record
 * also carries id, createdAt, updatedAt…, which a strict schema refuses at « Enregistrer ».
 */
export function pickFields<S extends z.ZodObject>(schema: S, record: z.input<S>): z.input<S> {
  const source = record as Record<string, unknown>;
  return Object.fromEntries(Object.keys(schema.shape).filter((key) => key in source).map((key) => [key, source[key]])) as z.input<S>;
}

/** The form a control belongs to, also when it sits outside it (a dialog's submit button in its footer). */
function formOf(element: Element | null): HTMLFormElement | null {
  if (element instanceof HTMLButtonElement || element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) {
    if (element.form) return element.form;
  }
  return element?.closest('form') ?? null;
}

function toErrors(details: { path: string; message: string }[]): Errors {
  const errors: Errors = {};
  for (const d of details) errors[d.path] ??= d.message;
  return errors;
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  wide?: boolean;
}

/** Controls that take the field's state as ARIA attributes straight away. */
const NATIVE_CONTROLS = new Set<unknown>(['input', 'select', 'textarea', DateInput, CodeSelect]);

/**
 * Label, control, hint and inline error, wired together for screen readers: a lone control gets
 * `aria-required` and `aria-invalid`, and its description says « obligatoire » and the message.
 * A control built of several elements (a group of radios…) sets those itself from `required`/`error`.
 */
export function Field({ label, error, hint, required, children, wide }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const requiredId = `${id}-required`;
  const describedBy = [required ? requiredId : null, hint && !error ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control = children(id, describedBy);
  return (
    <div className={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true" title="obligatoire">
            {' '}
            *
          </span>
        )}
      </label>
      {required && (
        <span className="visually-hidden" id={requiredId}>
          obligatoire
        </span>
      )}
      {isValidElement(control) && NATIVE_CONTROLS.has(control.type)
        ? cloneElement(control as ReactElement<Record<string, unknown>>, { 'aria-required': required || undefined, 'aria-invalid': error ? true : undefined })
        : control}
      {hint && !error && (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <div className="error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** The form-level message (« Certains champs sont à corriger. », or the API's), announced to screen readers. */
export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** Text inputs hold strings; the schemas turn blanks into null. */
export function text(value: string | null | undefined): string {
  return value ?? '';
}
