import { fileName } from '../../../shared/format';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Icon, type IconName } from './icons';
import { useRun, useToast } from './Toast';
import './MenuButton.css';

/**
 * A button opening a short list of choices (« Exporter ▾ »), built on <details> so Entrée/Espace work
 * as is; like any menu it closes on a click elsewhere and on Échap.
 */
function MenuButton({ label, icon, items }: { label: string; icon?: IconName; items: { label: ReactNode; onSelect: () => void }[] }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const close = () => ref.current?.removeAttribute('open');
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node && ref.current?.contains(event.target))) close();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const hadFocus = ref.current?.contains(document.activeElement);
      close();
      if (hadFocus) ref.current?.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);
  return (
    <details className="menu-button" ref={ref} onToggle={(e) => setOpen(e.currentTarget.open)}>
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
  const run = useRun();
  const exportAs = (format: ExportFormat) =>
    run(async () => {
      const saved = await write(format);
      if (saved) toast(`${done} : « ${fileName(saved.path)} »`);
    });
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
