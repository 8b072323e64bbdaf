import type { SelectHTMLAttributes } from 'react';

type CodeSelectProps<C extends string | number> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  /** The codes offered, in the order shown. */
  codes: readonly C[];
  /** Their French labels (a vocabulary's `labels`, or a function); without it, the code is its own label (« Mme », « 2025 »). */
  labels?: Readonly<Record<C, string>> | ((code: C) => string);
  value: C | null | undefined;
  onChange: (value: C | null) => void;
  /** A first choice that stands for « none » or « any » (« Tous », « Choisissez un type… »): it gives null. */
  empty?: string;
};

/**
 * The one drop-down list of codes (a vocabulary of shared/labels.ts, civilities, years…): its options are
 * the codes in their French wording, and it hands back the code itself, never the text of an <option>.
 */
export function CodeSelect<C extends string | number>({ codes, labels, value, onChange, empty, ...select }: CodeSelectProps<C>) {
  const label = (code: C) => (labels === undefined ? String(code) : typeof labels === 'function' ? labels(code) : labels[code]);
  return (
    <select {...select} value={value === null || value === undefined ? '' : String(value)} onChange={(e) => onChange(codes.find((c) => String(c) === e.target.value) ?? null)}>
      {empty !== undefined && <option value="">{empty}</option>}
      {codes.map((code) => (
        <option key={code} value={String(code)}>
          {label(code)}
        </option>
      ))}
    </select>
  );
}
