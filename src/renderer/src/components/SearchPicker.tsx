import { useId, useMemo, useRef, useState } from 'react';
import { searchItems, type Searchable } from '../../../shared/search';
import './SearchPicker.css';

export interface PickerItem extends Searchable {
  id: string;
  label: string;
  /** Second line: a measure's wording, a structure's type. */
  detail?: string;
  /** Group heading shown before the first item of each group. */
  group?: string;
}

const MAX_SHOWN = 30;

/**
 * Type to search, arrows to move, Entrée to choose: picks one item among thousands (2,000
 * structures in a large commission) where a <select> would be a wall of names. Codes and short
 * names match too, and an exact match comes first, so « A5 » then Entrée picks Action 5.
 */
export function SearchPicker({
  id,
  items,
  onPick,
  placeholder,
  describedBy,
  ariaLabel,
  exclude = [],
}: {
  id?: string;
  /** For a picker without a <label> of its own. */
  ariaLabel?: string;
  items: readonly PickerItem[];
  onPick: (item: PickerItem) => void;
  placeholder: string;
  describedBy?: string;
  exclude?: readonly string[];
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => {
    const excluded = new Set(exclude);
    return searchItems(
      items.filter((item) => !excluded.has(item.id)),
      query,
      MAX_SHOWN,
    );
  }, [items, query, exclude]);

  function choose(item: PickerItem | undefined) {
    if (!item) return;
    onPick(item);
    setQuery('');
    setActive(0);
    setOpen(false);
  }

  return (
    <div className="picker">
      <input
        id={id}
        ref={input}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={describedBy}
        aria-label={ariaLabel}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        value={query}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && open) {
            e.preventDefault();
            choose(matches[active]);
          } else if (e.key === 'Escape' && (open || query)) {
            // Closes the list (then clears the search) without closing the dialog around it.
            e.stopPropagation();
            e.preventDefault();
            if (open) setOpen(false);
            else setQuery('');
          }
        }}
      />
      {open && (
        <ul className="picker-list" id={listId} role="listbox">
          {matches.length === 0 && <li className="picker-empty">{items.length === 0 ? 'Aucun élément enregistré' : `Aucun résultat pour « ${query} »`}</li>}
          {matches.map((item, index) => (
            <li
              key={item.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(item);
              }}
              onMouseEnter={() => setActive(index)}
            >
              {item.group && (index === 0 || matches[index - 1]?.group !== item.group) && <span className="picker-group">{item.group}</span>}
              <span className="picker-label">{item.label}</span>
              {item.detail && <span className="picker-detail">{item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One item chosen among many (a follow-up's owner, a decision's fiche action): its chip, or the search to pick it. */
export function SearchSelect({
  id,
  describedBy,
  items,
  value,
  onChange,
  placeholder,
  noun,
}: {
  id?: string;
  describedBy?: string;
  items: readonly PickerItem[];
  value: string | null;
  onChange: (id: string | null) => void;
  placeholder: string;
  /** What is chosen, for the remove button: « la structure », « la fiche action ». */
  noun: string;
}) {
  if (value === null) return <SearchPicker id={id} describedBy={describedBy} items={items} placeholder={placeholder} onPick={(item) => onChange(item.id)} />;
  const item = items.find((i) => i.id === value);
  return (
    <div className="chip single" id={id}>
      <span>
        <strong>{item?.label ?? 'Élément supprimé'}</strong>
        {item?.detail && <span className="chip-detail"> — {item.detail}</span>}
      </span>
      <button type="button" className="chip-remove" aria-label={`Retirer ${noun}`} title={`Retirer ${noun}`} onClick={() => onChange(null)}>
        ×
      </button>
    </div>
  );
}

/** Several items chosen among many (the fiches a protocol covers): their chips, and the search to add one. */
export function SearchMultiSelect({
  id,
  describedBy,
  items,
  value,
  onChange,
  placeholder,
  ariaLabel,
}: {
  id?: string;
  describedBy?: string;
  ariaLabel?: string;
  items: readonly PickerItem[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  placeholder: string;
}) {
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  return (
    <div className="chips-field">
      {value.length > 0 && (
        <ul className="chip-list">
          {value.map((chosen) => {
            const item = byId.get(chosen);
            return (
              <li key={chosen} className="chip" title={item?.detail}>
                <span>
                  <strong>{item?.label ?? 'Élément supprimé'}</strong>
                  {item?.detail && <span className="chip-detail"> — {item.detail}</span>}
                </span>
                <button type="button" className="chip-remove" aria-label={`Retirer ${item?.label ?? 'cet élément'}`} onClick={() => onChange(value.filter((v) => v !== chosen))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <SearchPicker id={id} describedBy={describedBy} ariaLabel={ariaLabel} items={items} exclude={value} placeholder={placeholder} onPick={(item) => onChange([...value, item.id])} />
    </div>
  );
}
