import { useId, useMemo, useRef, useState } from 'react';

export interface PickerItem {
  id: string;
  label: string;
  /** Second line: a measure's wording, a structure's type. */
  detail?: string;
  /** Group heading shown before the first item of each group. */
  group?: string;
}

const MAX_SHOWN = 30;

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Type to search, arrows to move, Entrée to choose: picks one item among thousands (2,000
 * structures in a large commission) where a <select> would be a wall of names.
 */
export function SearchPicker({
  id,
  items,
  onPick,
  placeholder,
  describedBy,
  exclude = [],
}: {
  id?: string;
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
    const words = fold(query).split(/\s+/).filter(Boolean);
    const excluded = new Set(exclude);
    return items.filter((item) => !excluded.has(item.id) && words.every((w) => fold(`${item.label} ${item.detail ?? ''} ${item.group ?? ''}`).includes(w))).slice(0, MAX_SHOWN);
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
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {open && (
        <ul className="picker-list" id={listId} role="listbox">
          {matches.length === 0 && <li className="picker-empty">Aucun résultat pour « {query} »</li>}
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
