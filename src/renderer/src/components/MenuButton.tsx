import { useRef, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { Icon, type IconName } from './icons';
import { useToast } from './Toast';
import './MenuButton.css';

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

type ExportFormat = 'xlsx' | 'csv';

/**
 * « Exporter ▾ » for a list: .xlsx or CSV with semicolons (what French Excel opens), written where the
 * user chooses through `write`, then announced as « <done> : <path> ».
 */
export function ExportMenu({
  write,
  done,
  xlsxLabel = 'Classeur Excel (.xlsx)',
  csvLabel = 'CSV pour Excel (point-virgule)',
}: {
  write: (format: ExportFormat) => Promise<{ path: string } | null>;
  done: string;
  xlsxLabel?: string;
  csvLabel?: string;
}) {
  const toast = useToast();
  const exportAs = async (format: ExportFormat) => {
    try {
      const saved = await write(format);
      if (saved) toast(`${done} : ${saved.path}`);
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  };
  return (
    <MenuButton
      label="Exporter"
      icon="download"
      items={[
        { label: xlsxLabel, onSelect: () => void exportAs('xlsx') },
        { label: csvLabel, onSelect: () => void exportAs('csv') },
      ]}
    />
  );
}
