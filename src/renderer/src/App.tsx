import { useCallback, useEffect, useState } from 'react';
import type { MenuCommand } from '../../shared/api';
import type { AppStatus } from '../../shared/model/backups';
import type { CommissionSummary } from '../../shared/types';
import { api, errorMessage } from './api';
import { Icon } from './components/icons';
import { useToast } from './components/Toast';
import { DamagedScreen } from './features/backups/DamagedScreen';
import { useImportPackage } from './features/backups/useImportPackage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { MeasuresSection } from './features/measures/MeasuresSection';
import { ParcoursSection } from './features/parcours/ParcoursSection';
import { PartnersSection } from './features/partners/PartnersSection';
import { ProtocolsSection } from './features/protocols/ProtocolsSection';
import { ReportsSection } from './features/reports/ReportsSection';
import { SessionsSection } from './features/sessions/SessionsSection';
import { SettingsPage } from './features/settings/SettingsPage';
import { Welcome } from './features/welcome/Welcome';
import { navigate, useRoute } from './router';
import { isSection, sections } from './sections';
import './App.css';


export function App() {
  // undefined while loading; commission null when none is open; damaged set when the file failed its integrity check.
  const [status, setStatus] = useState<AppStatus | undefined>(undefined);
  const [choosingCommission, setChoosingCommission] = useState(false);
  const commission = status?.commission;
  const setCommission = useCallback((summary: CommissionSummary) => setStatus({ commission: summary, damaged: null }), []);
  const toast = useToast();
  const route = useRoute();
  // Coordinators open Maillage to see where things stand: the dashboard is home.
  const section = isSection(route[0]) ? route[0] : 'tableau-de-bord';

  useEffect(() => {
    api.app.status().then(setStatus, (error) => {
      toast(errorMessage(error), 'error');
      setStatus({ commission: null, damaged: null });
    });
  }, [toast]);

  useEffect(() => {
    document.title = commission ? `${commission.departmentName} — ${commission.filePath} — Maillage` : 'Maillage';
  }, [commission]);

  /** A new commission starts with its directory; an existing one opens on its dashboard. */
  const opened = useCallback(
    (summary: CommissionSummary, landing: 'tableau-de-bord' | 'partenaires' = 'tableau-de-bord') => {
      setCommission(summary);
      setChoosingCommission(false);
      navigate(landing);
    },
    [setCommission],
  );
  const importer = useImportPackage(opened);

  const runCommand = useCallback(
    async (command: MenuCommand) => {
      try {
        if (command === 'new-commission') setChoosingCommission(true);
        if (command === 'settings') navigate('parametres');
        if (command === 'open') {
          const next = await api.app.open();
          if (next?.commission) {
            opened(next.commission);
            toast(`Commission ouverte : ${next.commission.departmentName}`);
          } else if (next?.damaged) {
            setChoosingCommission(false);
            setStatus(next);
          }
        }
        if (command === 'export-package') {
          const written = await api.package.export();
          if (written) toast(`Paquet d’échange enregistré : ${written.path}`);
        }
        if (command === 'import-package') await importer.start();
        if (command === 'save-copy') {
          const copy = await api.app.saveCopy();
          if (copy) toast(`Copie enregistrée : ${copy.path}`);
        }
      } catch (error) {
        toast(errorMessage(error), 'error');
      }
    },
    [opened, toast, importer],
  );

  useEffect(() => window.maillage.onCommand((command) => void runCommand(command)), [runCommand]);

  if (status === undefined) return <div className="loading">Chargement…</div>;
  if (status.damaged && !choosingCommission)
    return (
      <DamagedScreen
        damaged={status.damaged}
        onRestored={(restored) => {
          setStatus(restored);
          navigate('tableau-de-bord');
          toast('Commission restaurée depuis sa dernière sauvegarde intacte.');
        }}
        onOpenOther={() => runCommand('open')}
        onNew={() => setChoosingCommission(true)}
      />
    );
  if (!commission || choosingCommission)
    return (
      <>
        <Welcome
          onOpened={opened}
          onCancel={commission || status.damaged ? () => setChoosingCommission(false) : undefined}
          onOpenFile={() => runCommand('open')}
          onImportPackage={importer.start}
        />
        {importer.dialog}
      </>
    );

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
        {section === 'tableau-de-bord' && <DashboardPage />}
        {section === 'mesures' && <MeasuresSection route={route.slice(1)} />}
        {section === 'partenaires' && <PartnersSection route={route.slice(1)} />}
        {section === 'protocoles' && <ProtocolsSection route={route.slice(1)} />}
        {section === 'parametres' && <SettingsPage commission={commission} onChange={setCommission} />}
        {importer.dialog}
        {section === 'seances' && <SessionsSection route={route.slice(1)} />}
        {section === 'parcours' && <ParcoursSection route={route.slice(1)} />}
        {section === 'rapports' && <ReportsSection />}
      </main>
    </div>
  );
}
