import { fileName } from '../../shared/format';
import { useCallback, useEffect, useState } from 'react';
import type { MenuCommand } from '../../shared/api';
import type { AppStatus } from '../../shared/model/backups';
import type { CommissionSummary } from '../../shared/types';
import { api } from './api';
import { GridStylesKeeper } from './components/ListGrid';
import { ReadOnlyContext } from './components/ReadOnly';
import { useRun, useToast } from './components/Toast';
import { confirmLeave, UnsavedChangesGuard } from './components/unsaved';
import { DamagedScreen } from './features/backups/DamagedScreen';
import { HelpDialog } from './features/help/HelpDialog';
import { GlobalSearch } from './features/search/GlobalSearch';
import { useImportPackage } from './features/backups/useImportPackage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { MeasuresSection } from './features/measures/MeasuresSection';
import { ParcoursSection } from './features/parcours/ParcoursSection';
import { PartnersSection } from './features/partners/PartnersSection';
import { ProtocolsSection } from './features/protocols/ProtocolsSection';
import { ReportsSection } from './features/reports/ReportsSection';
import { SessionsSection } from './features/sessions/SessionsSection';
import { SettingsPage } from './features/settings/SettingsPage';
import { ConsolidationHeader } from './features/state-return/ConsolidationHeader';
import { ConsolidationPage } from './features/state-return/ConsolidationPage';
import { Welcome } from './features/welcome/Welcome';
import { Icon } from './components/icons';
import { navigate, useRoute } from './router';
import { isSection, sections } from './sections';
import { Sidebar } from './Sidebar';
import './App.css';


/** A hash link would change the route: the skip link moves the focus itself. */
function skipToContent(event: React.MouseEvent) {
  event.preventDefault();
  const main = document.getElementById('contenu');
  const target = main?.querySelector<HTMLElement>('h1') ?? main;
  if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target?.focus();
}

export function App() {
  // undefined while loading; commission null when none is open; damaged set when the file failed its integrity check.
  const [status, setStatus] = useState<AppStatus | undefined>(undefined);
  const [choosingCommission, setChoosingCommission] = useState(false);
  // The consolidation of returns needs no commission: the welcome screen opens it on its own.
  const [consolidating, setConsolidating] = useState(false);
  const commission = status?.commission;
  const setCommission = useCallback((summary: CommissionSummary) => setStatus({ commission: summary, damaged: null, unavailable: null }), []);
  // Bumped whenever another commission (or a restored one) takes the place of the open one: every page remounts and reloads.
  const [generation, setGeneration] = useState(0);
  const replaced = useCallback(
    (summary: CommissionSummary) => {
      setCommission(summary);
      setGeneration((g) => g + 1);
    },
    [setCommission],
  );
  const toast = useToast();
  const run = useRun();
  const route = useRoute();
  const [tool, setTool] = useState<'search' | 'help' | null>(null);
  // Coordinators open Maillage to see where things stand: the dashboard is home.
  const section = isSection(route[0]) ? route[0] : 'tableau-de-bord';

  useEffect(() => {
    void run(async () => setStatus(await api.app.status())).then((ok) => ok || setStatus({ commission: null, damaged: null, unavailable: null }));
  }, [run]);

  // The page title is the window title (Electron follows it): « Page — Section — Commission — Maillage », never a
  // file path. The page is named by its heading (a structure, a fiche, a séance, a demande) unless that repeats
  // the section's name; read as it is drawn: a record's heading comes with its data and changes when renamed.
  const showingShell = commission && !choosingCommission && !status?.damaged;
  useEffect(() => {
    const label = sections.find((s) => s.id === section)?.label;
    if (!showingShell || !label) {
      document.title = 'Maillage';
      return;
    }
    const main = document.getElementById('contenu');
    const update = () => {
      const heading = main?.querySelector('h1')?.textContent?.trim();
      const title = [heading && !heading.startsWith(label) ? heading : null, label, commission.departmentName, 'Maillage'].filter(Boolean).join(' — ');
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    if (main) observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [showingShell, commission, section, generation]);

  /** A new commission starts with its directory; an existing one opens on its dashboard. */
  const opened = useCallback(
    (summary: CommissionSummary, landing: 'tableau-de-bord' | 'partenaires' = 'tableau-de-bord') => {
      replaced(summary);
      setChoosingCommission(false);
      navigate(landing);
    },
    [replaced],
  );
  const importer = useImportPackage(opened);

  const execute = useCallback(
    (command: MenuCommand) =>
      run(async () => {
        if (command === 'new-commission') setChoosingCommission(true);
        if (command === 'settings') navigate('parametres');
        if (command === 'search') setTool('search');
        if (command === 'help') setTool('help');
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
          if (written) toast(`Paquet d’échange enregistré : « ${fileName(written.path)} »`);
        }
        if (command === 'import-package') await importer.start();
        if (command === 'save-copy') {
          const copy = await api.app.saveCopy();
          if (copy) toast(`Copie enregistrée : « ${fileName(copy.path)} »`);
        }
      }),
    [opened, toast, run, importer],
  );
  // Opening, creating or importing a commission closes the open one: unsaved changes ask first.
  const runCommand = useCallback(
    async (command: MenuCommand) => {
      if (command === 'open' || command === 'new-commission' || command === 'import-package') confirmLeave(() => void execute(command));
      else await execute(command);
    },
    [execute],
  );

  useEffect(() => window.maillage.onCommand((command) => void runCommand(command)), [runCommand]);
  // The menu's shortcuts, for when the page has the keys (and in a browser, where there is no menu).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const tool = event.key === 'F1' ? 'help' : (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k' ? 'search' : null;
      if (!tool) return;
      event.preventDefault();
      setTool(tool);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The window shows at once; reopening the last commission (and its daily backup) may take seconds.
  if (status === undefined) return <div className="loading" role="status">Ouverture de la commission…</div>;
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
  if ((!commission || choosingCommission) && consolidating)
    return (
      <main className="standalone-page">
        <ConsolidationPage
          header={
            <ConsolidationHeader>
              <button type="button" className="button" onClick={() => setConsolidating(false)}>
                <Icon name="back" size={18} />
                Retour à l’accueil
              </button>
            </ConsolidationHeader>
          }
        />
      </main>
    );
  if (!commission || choosingCommission)
    return (
      <>
        <Welcome
          onOpened={opened}
          onCancel={commission || status.damaged ? () => setChoosingCommission(false) : undefined}
          onOpenFile={() => runCommand('open')}
          onImportPackage={importer.start}
          onConsolidate={() => setConsolidating(true)}
          unavailable={status.unavailable}
        />
        {importer.dialog}
      </>
    );

  return (
    <div className="shell">
      <a className="skip-link" href="#contenu" onClick={skipToContent}>
        Aller au contenu
      </a>
      <Sidebar commission={commission} section={section} onSearch={() => setTool('search')} onHelp={() => setTool('help')} />
      <main className="content" id="contenu" tabIndex={-1} key={generation}>
        <ReadOnlyContext.Provider value={commission.readOnly}>
          {commission.readOnly && (
            <p className="read-only-banner" role="status">
              <strong>Lecture seule.</strong> Vous n’avez pas le droit d’écrire dans ce fichier (ou son dossier, ou son disque) : la commission est affichée telle
              quelle et rien ne peut y être modifié. Pour y travailler, enregistrez-en une copie (Fichier › Enregistrer une copie) dans un dossier où vous pouvez
              écrire, puis ouvrez la copie.
            </p>
          )}
          {section === 'tableau-de-bord' && <DashboardPage />}
          {section === 'mesures' && <MeasuresSection route={route.slice(1)} />}
          {section === 'partenaires' && <PartnersSection route={route.slice(1)} />}
          {section === 'protocoles' && <ProtocolsSection route={route.slice(1)} />}
          {section === 'parametres' && <SettingsPage commission={commission} onChange={setCommission} onReplaced={replaced} />}
          {importer.dialog}
          {section === 'seances' && <SessionsSection route={route.slice(1)} />}
          {section === 'parcours' && <ParcoursSection route={route.slice(1)} />}
          {section === 'rapports' && <ReportsSection commission={commission} route={route.slice(1)} />}
        </ReadOnlyContext.Provider>
      </main>
      {tool === 'search' && <GlobalSearch onClose={() => setTool(null)} />}
      {tool === 'help' && <HelpDialog section={section} onClose={() => setTool(null)} />}
      <UnsavedChangesGuard />
      <GridStylesKeeper />
    </div>
  );
}
