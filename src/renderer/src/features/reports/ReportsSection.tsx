import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatDate, formatDateTime, formatInteger, plural } from '../../../../shared/format';
import type { ReportListItem, ReportPreview } from '../../../../shared/model/reports';
import { reportRecipients } from '../../../../shared/letters';
import type { CommissionSummary } from '../../../../shared/types';
import { reportOptions, reportSectionLabels, reportSections, type ReportOptionsInput, type ReportSection } from '../../../../shared/schemas/reports';
import { capitalize } from '../../../../shared/text';
import { api, errorMessage } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/form';
import { Icon } from '../../components/icons';
import { useRun, useToast, useUndoableDelete } from '../../components/Toast';
import { ConsolidationHeader } from '../state-return/ConsolidationHeader';
import { ConsolidationPage } from '../state-return/ConsolidationPage';
import { StateReturnPage } from '../state-return/StateReturnPage';
import './reports.css';
import { ReportsTabs } from './ReportsTabs';
import { Writes } from '../../components/ReadOnly';

type PeriodKind = 'annee' | 'semestre' | 'dates';

const PERIOD_KINDS: [PeriodKind, string][] = [
  ['annee', 'Année'],
  ['semestre', 'Semestre'],
  ['dates', 'Dates choisies'],
];

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, k) => thisYear - k);
const SEMESTERS = [1, 2] as const;
const SEMESTER_LABELS = { 1: '1er semestre (janvier à juin)', 2: '2d semestre (juillet à décembre)' };

function period(kind: PeriodKind, year: number, semester: 1 | 2, from: string | null, to: string | null): { from: string | null; to: string | null } {
  if (kind === 'annee') return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === 'semestre') return semester === 1 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
  return { from, to };
}

/** Rapports: the bilan, the yearly return to the State (remontee-etat) and the consolidation of returns. */
export function ReportsSection({ commission, route }: { commission: CommissionSummary; route: string[] }) {
  if (route[0] === 'remontee-etat') return <StateReturnPage tabs={<ReportsTabs current="remontee-etat" />} />;
  if (route[0] === 'consolidation')
    return (
      <ConsolidationPage
        header={
          <>
            <ConsolidationHeader />
            <ReportsTabs current="consolidation" />
          </>
        }
      />
    );
  return <BilanPage commission={commission} />;
}

/** Choose a period and what to include, see what will go in, generate the bilan and reopen earlier ones. */
function BilanPage({ commission }: { commission: CommissionSummary }) {
  const toast = useToast();
  const run = useRun();
  const undoableDelete = useUndoableDelete();
  const [kind, setKind] = useState<PeriodKind>('annee');
  // The last full year by default: the yearly bilan is the one a commission is asked for.
  const [year, setYear] = useState(thisYear - 1);
  const [semester, setSemester] = useState<1 | 2>(new Date().getMonth() < 6 ? 2 : 1);
  const [semesterYear, setSemesterYear] = useState(new Date().getMonth() < 6 ? thisYear - 1 : thisYear);
  const [from, setFrom] = useState<string | null>(`${thisYear - 1}-01-01`);
  const [to, setTo] = useState<string | null>(`${thisYear - 1}-12-31`);
  const [frameworks, setFrameworks] = useState<string[] | null>(null);
  const [sections, setSections] = useState<ReportSection[]>([...reportSections]);
  const [detailed, setDetailed] = useState(false);
  const [directory, setDirectory] = useState(false);
  const [includeContacts, setIncludeContacts] = useState(false);
  const [recipients, setRecipients] = useState(() => reportRecipients(commission.prefectCivility));
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [generating, setGenerating] = useState(false);
  const [reports, setReports] = useState<ReportListItem[] | null>(null);
  const [removing, setRemoving] = useState<ReportListItem | null>(null);

  const dates = period(kind, kind === 'semestre' ? semesterYear : year, semester, from, to);
  const input: ReportOptionsInput = useMemo(
    () => ({ from: dates.from ?? '', to: dates.to ?? '', frameworks, sections, detailed, directory, includeContacts: directory && includeContacts, recipients }),
    [dates.from, dates.to, frameworks, sections, detailed, directory, includeContacts, recipients],
  );
  const checked = reportOptions.safeParse(input);
  const inputError = checked.success ? null : (checked.error.issues[0]?.message ?? 'Saisie à corriger.');

  const loadReports = useCallback(() => run(async () => setReports(await api.reports.list())), [run]);
  useEffect(() => void loadReports(), [loadReports]);

  const previewed = useRef(false);
  useEffect(() => {
    if (inputError) return;
    let current = true;
    // Typing a date fires a preview per keystroke: wait until the user pauses (the page's first preview, at once).
    const timer = setTimeout(() => {
      previewed.current = true;
      api.reports.preview(input).then(
        (p) => current && (setPreview(p), setPreviewError(null)),
        (error) => current && setPreviewError(errorMessage(error)),
      );
    }, previewed.current ? 200 : 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [input, inputError]);

  async function generate() {
    setGenerating(true);
    await run(async () => {
      const report = await api.reports.generate(input);
      if (report) {
        toast(`Rapport enregistré et ouvert : ${report.filePath}`);
        await loadReports();
      }
    });
    setGenerating(false);
  }

  async function open(report: ReportListItem) {
    // A file moved or deleted since: the list says so once reread.
    if (!(await run(() => api.reports.open({ id: report.id })))) await loadReports();
  }

  async function remove(report: ReportListItem) {
    setRemoving(null);
    const reload = async () => {
      await loadReports();
    };
    if (await undoableDelete(() => api.reports.remove({ id: report.id }), 'Rapport retiré de la liste ; son fichier n’a pas été supprimé.', reload)) await reload();
  }

  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  const allCodes = preview?.frameworks.map((f) => f.code) ?? [];
  const chosenCodes = frameworks ?? allCodes;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Rapports</h1>
          <p className="subtitle">Le bilan d’avancement de la commission au format Word, pour l’année ou toute autre période</p>
        </div>
      </header>
      <ReportsTabs current="" />
      <div className="two-columns">
        <form className="card form" aria-label="Bilan d’avancement" onSubmit={(e) => (e.preventDefault(), void generate())} noValidate>
          <h2>Bilan d’avancement</h2>
          <fieldset className="field">
            <legend>Période</legend>
            <div className="segmented" role="radiogroup" aria-label="Type de période">
              {PERIOD_KINDS.map(([code, label]) => (
                <label key={code} className={kind === code ? 'checked' : undefined}>
                  <input type="radio" name="period-kind" value={code} checked={kind === code} onChange={() => setKind(code)} />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="form-grid report-period">
            {kind === 'annee' && (
              <Field label="Année">
                {(id) => (
                  <CodeSelect id={id} codes={YEARS} value={year} onChange={(y) => setYear(y ?? year)} />
                )}
              </Field>
            )}
            {kind === 'semestre' && (
              <>
                <Field label="Semestre">
                  {(id) => (
                    <CodeSelect id={id} codes={SEMESTERS} labels={SEMESTER_LABELS} value={semester} onChange={(s) => setSemester(s ?? semester)} />
                  )}
                </Field>
                <Field label="Année du semestre">
                  {(id) => (
                    <CodeSelect id={id} codes={YEARS} value={semesterYear} onChange={(y) => setSemesterYear(y ?? semesterYear)} />
                  )}
                </Field>
              </>
            )}
            {kind === 'dates' && (
              <>
                <Field label="Du" required>
                  {(id, describedBy) => <DateInput id={id} value={from} onChange={setFrom} aria-describedby={describedBy} />}
                </Field>
                <Field label="Au" required error={inputError ?? undefined}>
                  {(id, describedBy) => <DateInput id={id} value={to} onChange={setTo} aria-describedby={describedBy} />}
                </Field>
              </>
            )}
          </div>
          {/* What the main side refuses, a period still to come most of all, is said under the period. */}
          {!inputError && previewError && (
            <p className="form-error report-period-error" role="alert">
              {previewError}
            </p>
          )}

          <fieldset className="field report-choices">
            <legend>Référentiels</legend>
            {(preview?.frameworks ?? []).map((f) => (
              <label key={f.code} className="checkbox" title={f.title}>
                <input
                  type="checkbox"
                  checked={chosenCodes.includes(f.code)}
                  onChange={(e) => {
                    const next = toggle(chosenCodes, f.code, e.target.checked);
                    setFrameworks(next.length === allCodes.length ? null : next);
                  }}
                />
                {f.title}
              </label>
            ))}
          </fieldset>

          <fieldset className="field report-choices">
            <legend>Parties du rapport</legend>
            {reportSections.map((s) => (
              <label key={s} className="checkbox">
                <input type="checkbox" checked={sections.includes(s)} onChange={(e) => setSections(reportSections.filter((x) => (x === s ? e.target.checked : sections.includes(x))))} />
                {reportSectionLabels[s]}
              </label>
            ))}
          </fieldset>

          <fieldset className="field report-choices">
            <legend>Fichiers enregistrés à côté du rapport</legend>
            <label className="checkbox">
              <input type="checkbox" checked={detailed} onChange={(e) => setDetailed(e.target.checked)} />
              Bilan détaillé : les fiches actions complètes, avec leur journal (annexe B, document Word séparé)
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={directory} onChange={(e) => setDirectory(e.target.checked)} />
              Annuaire complet des structures (classeur Excel)
            </label>
            {directory && (
              <label className="checkbox report-contacts">
                <input type="checkbox" checked={includeContacts} onChange={(e) => setIncludeContacts(e.target.checked)} />
                Ajouter à l’annuaire les coordonnées des personnes (nom, fonction, courriel, téléphone)
              </label>
            )}
            {directory && includeContacts && (
              <p className="hint">Des données personnelles figureront dans le classeur : ne le diffusez qu’aux membres et partenaires de la commission.</p>
            )}
          </fieldset>

          <Field label="Destinataires (mention de la couverture)" wide>
            {(id) => <textarea id={id} rows={2} value={recipients} maxLength={400} onChange={(e) => setRecipients(e.target.value)} />}
          </Field>

          <div className="actions">
            <Writes>
              <button type="submit" className="button primary" disabled={generating || Boolean(inputError) || Boolean(previewError)}>
                <Icon name="download" size={18} />
                {generating ? 'Génération en cours…' : 'Générer le rapport…'}
              </button>
            </Writes>
          </div>
        </form>

        <div className="stack">
          <ReportPreviewCard preview={inputError || previewError ? null : preview} loading={!inputError && !previewError} sections={sections} detailed={detailed} directory={directory} includeContacts={directory && includeContacts} />
          <section className="card" aria-label="Rapports générés">
            <h2>
              Rapports générés <span className="count">{reports?.length ?? 0}</span>
            </h2>
            {reports && reports.length === 0 && <p className="muted">Aucun rapport généré pour l’instant : choisissez une période, puis « Générer le rapport ».</p>}
            {reports && reports.length > 0 && (
              <table className="table report-list">
                <thead>
                  <tr>
                    <th>Rapport</th>
                    <th>Généré le</th>
                    <th aria-label="Actions" />
                  </tr>
                </thead>
                <tbody>
                  {reports.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <div className="cell-strong">Du {formatDate(r.fromOn)} au {formatDate(r.toOn)}</div>
                        <div className="small muted report-file" title={r.filePath}>
                          {r.filePath.split(/[\\/]/).pop()}
                        </div>
                        {!r.fileExists && <span className="badge warning">Fichier introuvable</span>}
                      </td>
                      <td className="small">{formatDateTime(r.generatedAt)}</td>
                      <td className="row-actions">
                        <button type="button" className="button small" disabled={!r.fileExists} onClick={() => void open(r)} aria-label={`Ouvrir le rapport du ${formatDate(r.fromOn)} au ${formatDate(r.toOn)}`}>
                          Ouvrir
                        </button>
                        <Writes>
                          <button type="button" className="icon-button" title="Retirer de la liste" aria-label={`Retirer de la liste le rapport du ${formatDate(r.fromOn)} au ${formatDate(r.toOn)}`} onClick={() => setRemoving(r)}>
                            <Icon name="trash" size={18} />
                          </button>
                        </Writes>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title="Retirer ce rapport de la liste ?"
        confirmLabel="Retirer de la liste"
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      >
        {removing && (
          <p>
            Le rapport du {formatDate(removing.fromOn)} au {formatDate(removing.toOn)} ne figurera plus dans la liste. Son fichier <strong>{removing.filePath.split(/[\\/]/).pop()}</strong> reste
            là où il a été enregistré.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

function ReportPreviewCard({ preview, loading, sections, detailed, directory, includeContacts }: { preview: ReportPreview | null; loading: boolean; sections: ReportSection[]; detailed: boolean; directory: boolean; includeContacts: boolean }) {
  if (!preview) {
    return (
      <section className="card muted-card" aria-label="Contenu du rapport">
        <h2>Contenu du rapport</h2>
        <p>{loading ? 'Préparation de l’aperçu…' : 'Choisissez une période valide pour voir ce que contiendra le rapport.'}</p>
      </section>
    );
  }
  const c = preview.counts;
  const n = formatInteger;
  const lines: [ReportSection, string][] = [
    ['synthese', `Les faits marquants, puis les chiffres clés comparés à la période précédente (${preview.previousLabel})`],
    ['actions', c.actions === 0 ? 'Aucune fiche action suivie : les mesures nationales à couvrir' : `${plural(c.actions, 'fiche action suivie', 'fiches actions suivies')}, par mesure nationale, avec budget et financeurs`],
    ['difficultes', c.difficulties === 0 ? 'Aucune fiche en difficulté' : `${plural(c.difficulties, 'fiche suspendue, en retard ou en difficulté', 'fiches suspendues, en retard ou en difficulté')}`],
    ['parcours', c.parcoursRequests === 0 ? 'Aucune demande reçue sur la période ; les personnes en parcours à sa fin' : `${plural(c.parcoursRequests, 'demande reçue', 'demandes reçues')}, les avis, les décisions et les personnes en parcours`],
    [
      'seances',
      capitalize(`${plural(c.sessions, 'séance tenue', 'séances tenues', 'aucune séance tenue')}, ${plural(c.decisions, 'décision', 'décisions', 'aucune décision')}, ${plural(c.openFollowUps, 'suite à donner ouverte', 'suites à donner ouvertes', 'aucune suite à donner ouverte')}`),
    ],
    [
      'protocoles',
      capitalize(
        `${plural(c.protocolsSigned, 'protocole signé', 'protocoles signés', 'aucun protocole signé')}, ${c.protocolsDue === 0 ? 'aucun' : n(c.protocolsDue)} à réviser ou renouveler, ${plural(c.protocolsEnded, 'arrivé à échéance ou dénoncé', 'arrivés à échéance ou dénoncés', 'aucun arrivé à échéance ou dénoncé')}`,
      ),
    ],
    ['reseau', c.partners === 0 ? 'Aucune structure recensée : le rapport le dira' : `${plural(c.partners, 'structure')} par type, les domaines non couverts et ${plural(c.members, 'membre', 'membres', 'aucun membre')} de la commission`],
    ['perspectives', 'Les échéances des six mois suivants et les décisions à prendre'],
    // Without a fiche, annex A holds only the protocol lists too long for the main document, if any.
    ['annexe_fiches', c.actions === 0 ? 'Aucune fiche à y lister' : `${plural(c.actions, 'ligne')}, une par fiche`],
  ];
  const extra = [
    detailed &&
      (c.actions === 0
        ? 'Fiches actions détaillées : aucune fiche suivie sur la période'
        : `Fiches actions détaillées : ${plural(c.actions, 'fiche')} et ${plural(c.journalEntries, 'fait d’avancement', 'faits d’avancement', 'aucun fait d’avancement')} de la période`),
    directory && `Annuaire : ${plural(c.partners, 'structure', 'structures', 'aucune structure')}${includeContacts ? ` et ${plural(c.contacts, 'contact', 'contacts', 'aucun contact')}` : ', sans coordonnées personnelles'}`,
  ].filter((x): x is string => Boolean(x));
  return (
    <section className="card" aria-label="Contenu du rapport">
      <h2>Contenu du rapport</h2>
      <p className="report-period-label">Bilan d’avancement – {preview.periodLabel}</p>
      <ul className="report-preview">
        {lines
          .filter(([s]) => sections.includes(s))
          .map(([s, text]) => (
            <li key={s}>
              <span className="report-preview-part">{reportSectionLabels[s]}</span>
              <span>{text}</span>
            </li>
          ))}
      </ul>
      {extra.length > 0 && (
        <ul className="report-preview">
          {extra.map((text) => (
            <li key={text}>
              <span className="report-preview-part">Fichier joint</span>
              <span>{text}</span>
            </li>
          ))}
        </ul>
      )}
      {c.actions === 0 && sections.includes('actions') && <p className="hint">Aucune fiche action n’a été suivie sur cette période : le rapport le dira.</p>}
    </section>
  );
}
