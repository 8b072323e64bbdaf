import { Icon } from './icons';

/**
 * The search box of a list: a magnifier, a placeholder, and a name for screen readers. It matches the
 * way every search of the app does (shared/search.ts): each word, accents and case ignored.
 */
export function SearchBox({ label, placeholder, value, onChange, autoFocus, className }: {
  /** What it searches, for screen readers: « Rechercher une structure ou un contact ». */
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  className?: string;
}) {
  return (
    <label className={className ? `search ${className}` : 'search'}>
      <Icon name="search" size={18} />
      <span className="visually-hidden">{label}</span>
      <input type="search" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus} />
    </label>
  );
}
