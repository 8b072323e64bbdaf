import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import type { z } from 'zod';
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
    return null;
  }, [schema, values]);

  const showError = useCallback((error: unknown) => {
    if (error instanceof ApiError) {
      if (error.details?.length) setErrors(toErrors(error.details));
      setFormError(error.message);
    } else {
      setFormError('Une erreur inattendue est survenue ; rien n’a été modifié.');
    }
  }, []);

  const [saving, setSaving] = useState(false);

  /** An onSubmit handler: validates, hands the parsed input to `write`, and shows its errors in the form. */
  const submit = useCallback(
    (write: (input: z.output<S>) => Promise<unknown>) => async (event?: React.FormEvent) => {
      event?.preventDefault();
      const input = validate();
      if (!input) return;
      setSaving(true);
      try {
        await write(input);
      } catch (error) {
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

/** Label, control, hint and inline error, wired together for screen readers. */
export function Field({ label, error, hint, required, children, wide }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {children(id, describedBy)}
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
