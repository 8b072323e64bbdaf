import { parseFrenchTime } from '../../../shared/format';

interface TimeInputProps {
  id: string;
  value: string | null | undefined;
  /** The text as typed: the schema reads « 14h30 », « 14 h 30 » and « 14:30 » alike. */
  onChange: (value: string) => void;
  'aria-describedby'?: string;
}

/** A time of day typed the French way; shown back as hh:mm once the field is left, so the user sees how it was read. */
export function TimeInput({ id, value, onChange, ...aria }: TimeInputProps) {
  return (
    <input
      id={id}
      {...aria}
      className="time-input"
      inputMode="numeric"
      placeholder="14 h 30"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => {
        const parsed = parseFrenchTime(e.target.value);
        if (parsed && parsed !== e.target.value) onChange(parsed);
      }}
    />
  );
}
