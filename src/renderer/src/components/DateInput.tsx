import { useEffect, useState } from 'react';
import { formatDate, parseFrenchDate } from '../../../shared/format';

interface DateInputProps {
  id: string;
  value: string | null | undefined;
  /** An ISO date, null when empty, or the raw text when it is not a date (the schema then explains). */
  onChange: (value: string | null) => void;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
  'aria-invalid'?: boolean;
}

/**
 * A date typed as jj/mm/aaaa. The native date input follows the system locale, which is not
 * always French on office desktops; this one reads dates as French people write them (« 15/02/26 »,
 * « 15 février 2026 »…) and shows them back as jj/mm/aaaa once the field is left.
 */
export function DateInput({ id, value, onChange, ...aria }: DateInputProps) {
  const [textValue, setTextValue] = useState(() => formatDate(value) || (value ?? ''));
  useEffect(() => {
    // Follow outside changes (form reset) without fighting the user's typing.
    setTextValue((current) => (parseFrenchDate(current) === value || (!value && current === '') ? current : formatDate(value) || (value ?? '')));
  }, [value]);
  return (
    <input
      id={id}
      {...aria}
      className="date-input"
      inputMode="numeric"
      placeholder="jj/mm/aaaa"
      value={textValue}
      onChange={(e) => {
        const typed = e.target.value;
        setTextValue(typed);
        onChange(typed.trim() === '' ? null : (parseFrenchDate(typed) ?? typed));
      }}
      onBlur={() => {
        const parsed = parseFrenchDate(textValue);
        if (parsed) setTextValue(formatDate(parsed));
      }}
    />
  );
}
