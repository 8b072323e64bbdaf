import { useCallback, useEffect, useState } from 'react';
import type { MenuCommand } from '../../shared/api';
import type { CommissionSummary } from '../../shared/types';
import { api, errorMessage } from './api';
import { Icon } from './components/icons';
import { useToast } from './components/Toast';
import { PartnersSection } from './features/partners/PartnersSection';
import { PlannedSection } from './features/placeholder/PlannedSection';
import { SessionsSection } from './features/sessions/SessionsSection';
import { SettingsPage } from './features/settings/SettingsPage';
import { Welcome } from './features/welcome/Welcome';
import { navigate, useRoute } from './router';
import { isSection, sections } from './sections';

export function App() {
  // undefined while loading, null when no commission is open.
  const [commission, setCommission] = useState<CommissionSummary | null | undefined>(undefined);
  const [choosingCommission, setChoosingCommission] = useState(false);
  const toast = useToast();
  const route = useRoute();
  const section = isSection(route[0]) ? route[0] : 'partenaires';

  useEffect(() => {
    api.app.status().then(
      (status) => setCommission(status.commission),
      (error) => {
        toast(errorMessage(error), 'error');
        setCommission(null);
      },
    );
  }, [toast]);

  useEffect(() => {
    document.title = commission ? `${commission.departmentName} — ${commission.filePath} — Maillage` : 'Maillage';
  }, [commission]);

  const opened = useCallback((summary: CommissionSummary) => {
    setCommission(summary);
    setChoosingCommission(false);
    navigate('partenaires');
  }, []);

  const runCommand = useCallback(
    async (command: MenuCommand) => {
      try {
        if (command === 'new-commission') setChoosingCommission(true);
        if (command === 'settings') navigate('parametres');
        if (command === 'open') {
          const status = await api.app.open();
          if (status?.commission) {
            opened(status.commission);
            toast(`Commission ouverte : ${status.commission.departmentName}`);
          }
        }
        if (command === 'save-copy') {
          const copy = await api.app.saveCopy();
          if (copy) toast(`Copie enregistrée : ${copy.path}`);
        }
      } catch (error) {
        toast(errorMessage(error), 'error');
      }
    },
    [opened, toast],
  );

  useEffect(() => window.maillage.onCommand((command) => void runCommand(command)), [runCommand]);

  if (commission === undefined) return <div className="loading">Chargement…</div>;
  if (commission === null || choosingCommission)
    return <Welcome onOpened={opened} onCancel={commission ? () => setChoosingCommission(false) : undefined} onOpenFile={() => runCommand('open')} />;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">
          <span className="brand-name">Maillage</span>
          <span className="brand-commission" title={commission.name}>
            {commission.departmentCode} · {commission.departmentName}
          </span>
        </div>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} className={s.id === section ? 'active' : undefined} aria-current={s.id === section ? 'page' : undefined}>
                <Icon name={s.icon} />
                <span>{s.label}</span>
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-footer" title={commission.filePath}>
          <Icon name="folder" size={16} />
          <span>{commission.filePath.split(/[\\/]/).pop()}</span>
        </div>
      </nav>
      <main className="content">
        {section === 'partenaires' && <PartnersSection route={route.slice(1)} />}
        {section === 'parametres' && <SettingsPage commission={commission} onChange={setCommission} />}
        {section === 'seances' && <SessionsSection route={route.slice(1)} />}
        {section !== 'partenaires' && section !== 'parametres' && section !== 'seances' && <PlannedSection section={section} />}
      </main>
    </div>
  );
}
