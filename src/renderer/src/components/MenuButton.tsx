import { useRef, type ReactNode } from 'react';
import { Icon, type IconName } from './icons';

/** A button opening a short list of choices (« Exporter ▾ »), built on <details> so Entrée/Espace work as is. */
export function MenuButton({ label, icon, items }: { label: string; icon?: IconName; items: { label: ReactNode; onSelect: () => void }[] }) {
  const ref = useRef<HTMLDetailsElement>(null);
  return (
    <details className="menu-button" ref={ref} onKeyDown={(e) => e.key === 'Escape' && ref.current?.removeAttribute('open')}>
      <summary className="button">
        {icon && <Icon name={icon} size={18} />}
        {label}
        <span aria-hidden="true">▾</span>
      </summary>
      <div className="menu" role="menu">
        {items.map((item, i) => (
          <button
            key={i}
            type="button"
            role="menuitem"
            onClick={() => {
              ref.current?.removeAttribute('open');
              item.onSelect();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </details>
  );
}
