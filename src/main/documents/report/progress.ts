/**
 * Progress of the fiches actions against the national frameworks: one table of measures per
 * priority, axis or objective in the main document; the fiches in difficulty; annex A (one line
 * per fiche) and annex B (the full cards, a file of its own).
 */
import { formatDate, formatInteger, formatNumber, plural } from '../../../shared/format';
import { actionStatuses, meteos, meteoText } from '../../../shared/labels';
import { assessIndicator, summarizeActions, type ActionState } from '../../../shared/progress';
import { capitalize, lowerFirst } from '../../../shared/text';
import { difficultyOf, type Difficulty } from './figures';
import { indicatorName, latestUpTo, plan, TROUBLED_METEOS, valuesUpTo, type ReportAction, type ReportData, type ReportIndicator, type ReportJournalEntry } from './data';
import type { ReportContext } from './mapper';
import { lastReturnOn, lastReturnText } from './returns';
import type { ActionCard, DetailedView, FrameworkProgress, ReportView, Table, TitledTable } from './view';
import { compareFrench } from '../../../shared/search';

type CatalogueNode = ReportData['nodes'][number];

const percent = (n: number | null) => (n === null ? '–' : `${formatInteger(n)} %`);

function actionName(a: Pick<ReportAction, 'code' | 'title'>): string {
  return a.code ? `${a.code} – ${a.title}` : a.title;
}

/** « État (BOP 137) : 12 000 € ; Conseil départemental : 3 000 € » → the funders’ names. */
function funderNames(text: string | null): string[] {
  return (text ?? '')
    .split(/[;\n]/)
    .map((part) => part.replace(/\s*:.*$/, '').trim())
    .filter(Boolean);
}

function budgetText(actions: readonly ReportAction[]): string {
  const budgets = actions.map((a) => a.budget).filter((b): b is number => b !== null);
  return budgets.length === 0 ? '–' : `${formatInteger(Math.round(budgets.reduce((x, y) => x + y, 0)))}\u00A0€`;
}

function fundersText(actions: readonly ReportAction[]): string {
  return [...new Set(actions.flatMap((a) => funderNames(a.funders)))].join(', ') || '–';
}

/** « en cours 12, réalisée 3 »: the statuses the fiches have, with their counts. */
export function statusText(states: readonly ActionState[]): string {
  return (
    actionStatuses.codes
      .map((code) => [code, states.filter((s) => s.status === code).length] as const)
      .filter(([, n]) => n > 0)
      .map(([code, n]) => `${lowerFirst(actionStatuses.labels[code])} ${n}`)
      .join(', ') || 'aucune fiche'
  );
}

/** The part a node is reported under: its objective when its axis has objectives, else its top node. */
function groupOf(c: ReportContext, nodeId: string): CatalogueNode | null {
  let node = c.nodeById.get(nodeId);
  while (node && node.parentId !== null) {
    const parent = c.nodeById.get(node.parentId);
    if (node.kind === 'objectif' && parent?.parentId === null) return node;
    node = parent;
  }
  return node ?? null;
}

/** Where a fiche attached in several places is described: its first attachment among the frameworks reported on. */
function homeOf(c: ReportContext, a: ReportAction): CatalogueNode | null {
  const order = new Map(c.frameworks.map((f, k) => [f.code, k]));
  const attached = a.measureIds.filter((id) => order.has(c.nodeById.get(id)?.frameworkCode ?? ''));
  attached.sort((x, y) => order.get(c.nodeById.get(x)!.frameworkCode)! - order.get(c.nodeById.get(y)!.frameworkCode)!);
  return attached.length ? groupOf(c, attached[0]!) : null;
}

function childrenOf(c: ReportContext, id: string): CatalogueNode[] {
  return c.data.nodes.filter((n) => n.parentId === id);
}

/** A node and every node below it. */
export function subtree(c: ReportContext, id: string): Set<string> {
  const ids = new Set([id]);
  for (const n of c.data.nodes) if (n.parentId !== null && ids.has(n.parentId)) ids.add(n.id);
  return ids;
}

/** The fiches among `actions` (a period's) attached to one of `nodeIds` (a measure's subtree): counted so by the bilan and the State's return. */
export function fichesUnder(actions: readonly ReportAction[], nodeIds: ReadonlySet<string>): ReportAction[] {
  return actions.filter((a) => a.measureIds.some((id) => nodeIds.has(id)));
}

const MEASURE_COLUMNS: Table['columns'] = [
  { title: 'Mesure', width: 0.45 },
  { title: 'Fiches', width: 0.08, align: 'right' },
  { title: 'Météo d’ensemble', width: 0.15 },
  { title: 'Avancement', width: 0.15, align: 'right' },
  { title: 'Budget', width: 0.17, align: 'right' },
];

/** « Action 5 – Améliorer le repérage … prostitutionnelle »: the examples in brackets stay in the catalogue. */
function measureLabel(n: Pick<CatalogueNode, 'label' | 'title'>): string {
  return `${n.label} – ${n.title.replace(/\s*\([^)]*\)\s*$/, '')}`;
}

/** A measure's row (fiches, météo, progress, budget) and the line under it: statuses at the end of the period, funders. */
function measureRow(c: ReportContext, label: string, fiches: readonly ReportAction[]): { row: string[]; note: string } {
  const states = fiches.map((a) => c.t.stateAt(a, c.period.to));
  const s = summarizeActions(states);
  const funders = fundersText(fiches);
  return {
    row: [label, formatInteger(fiches.length), s.meteo ? meteos.labels[s.meteo] : 'Non renseignée', percent(s.progress), budgetText(fiches)],
    note: `Statuts : ${statusText(states)}${funders === '–' ? '' : ` · financeurs : ${funders}`}.`,
  };
}

/** One row per measure (its local sub-measures included); fiches attached to the part itself get a row of their own. */
function measureTable(c: ReportContext, part: CatalogueNode): { table: Table; orphans: number } {
  const measures = childrenOf(c, part.id).filter((n) => n.kind !== 'objectif');
  const rows: { label: string; ids: Set<string> }[] = measures.map((m) => ({ label: measureLabel(m), ids: subtree(c, m.id) }));
  rows.unshift({ label: measures.length ? `Rattachées directement à ${part.kind === 'objectif' ? 'l’objectif' : part.kind === 'axe' ? 'l’axe' : 'la priorité'}` : measureLabel(part), ids: new Set([part.id]) });
  let orphans = 0;
  const lines = rows
    .map((row, k) => {
      const fiches = fichesUnder(c.now.actions, row.ids);
      if (fiches.length === 0) {
        if (k === 0 && measures.length) return null;
        orphans++;
        return { row: [row.label, '0', '–', '–', '–'], note: 'Aucune fiche locale : mesure à couvrir.' };
      }
      return measureRow(c, row.label, fiches);
    })
    .filter((r): r is { row: string[]; note: string } => r !== null);
  return { table: { columns: MEASURE_COLUMNS, rows: lines.map((l) => l.row), notes: lines.map((l) => l.note), emptyText: '' }, orphans };
}

export function frameworkProgress(c: ReportContext, framework: ReportData['frameworks'][number]): FrameworkProgress {
  const tops = c.data.nodes.filter((n) => n.frameworkCode === framework.code && n.parentId === null);
  const all = c.now.actions.filter((a) => a.measureIds.some((id) => c.nodeById.get(id)?.frameworkCode === framework.code));
  const states = all.map((a) => c.t.stateAt(a, c.period.to));
  const parts = tops.map((top) => {
    const ids = subtree(c, top.id);
    const here = all.filter((a) => a.measureIds.some((id) => ids.has(id)));
    const hereStates = here.map((a) => c.t.stateAt(a, c.period.to));
    const s = summarizeActions(hereStates);
    const objectives = childrenOf(c, top.id).filter((n) => n.kind === 'objectif');
    // A part with neither objectives nor measures (axes 1 to 3 of the 2024 strategy) is its own only line: its summary says it all.
    const bare = objectives.length === 0 && childrenOf(c, top.id).length === 0;
    const tables: TitledTable[] = (bare ? [] : objectives.length ? objectives : [top]).map((part) => {
      const { table, orphans } = measureTable(c, part);
      return { heading: part === top ? '' : `${part.label} – ${part.title}`, note: orphans ? `${capitalize(plural(orphans, 'mesure n’a', 'mesures n’ont'))} aucune fiche locale.` : null, table };
    });
    if (objectives.length) {
      const direct = here.filter((a) => a.measureIds.some((id) => id === top.id));
      if (direct.length) {
        const { row, note } = measureRow(c, measureLabel(top), direct);
        tables.push({ heading: `Rattachées directement à ${lowerFirst(top.label)}`, note: null, table: { columns: MEASURE_COLUMNS, rows: [row], notes: [note], emptyText: '' } });
      }
    }
    return {
      heading: `${top.label} – ${top.title}`,
      summary:
        here.length === 0
          ? 'Aucune fiche action n’est rattachée à cette partie du référentiel pour la période.'
          : `${capitalize(plural(here.length, 'fiche action', 'fiches actions'))} · avancement moyen ${percent(s.progress)} · ${statusText(hereStates)}${s.meteo ? ` · météo d’ensemble : ${lowerFirst(meteoText(s.meteo))}` : ''}` +
            (bare && budgetText(here) !== '–' ? ` · budget ${budgetText(here)} (${fundersText(here)})` : '') +
            '.',
      tables,
    };
  });
  const charted = tops.map((top) => {
    const ids = subtree(c, top.id);
    const here = all.filter((a) => a.measureIds.some((id) => ids.has(id)));
    return { top, progress: summarizeActions(here.map((a) => c.t.stateAt(a, c.period.to))).progress, count: here.length };
  });
  const kind = tops[0]?.kind === 'axe' ? 'axe' : 'priorité';
  return {
    heading: framework.title,
    summary:
      all.length === 0
        ? 'Aucune fiche action de ce référentiel n’a été suivie sur la période.'
        : `${capitalize(plural(all.length, 'fiche action suivie', 'fiches actions suivies'))} sur la période · avancement moyen en fin de période : ${percent(summarizeActions(states).progress)} · ${statusText(states)}.`,
    chart:
      all.length === 0
        ? null
        : {
            kind: 'bars',
            title: `Avancement moyen par ${kind}, en fin de période`,
            alt: `Avancement moyen : ${charted.map((x) => `${x.top.label}, ${x.progress === null ? 'aucune fiche' : `${x.progress} %`}`).join(' ; ')}.`,
            note: null,
            rows: charted.map((x) => ({ label: `${x.top.label} – ${x.top.title}`, value: x.progress ?? 0, valueLabel: x.progress === null ? 'aucune fiche' : `${x.progress} % (${plural(x.count, 'fiche')})` })),
            max: 100,
            reference: null,
          },
    parts,
  };
}

/** National measures of the frameworks reported on that no local fiche covers. */
export function measuresWithoutFiche(c: ReportContext): number {
  const codes = new Set(c.frameworks.map((f) => f.code));
  return c.data.nodes
    .filter((n) => codes.has(n.frameworkCode) && n.kind === 'mesure')
    .filter((m) => {
      const ids = subtree(c, m.id);
      return !c.now.actions.some((a) => a.measureIds.some((id) => ids.has(id)));
    }).length;
}

const MAX_DIFFICULTIES = 15;

/** Fiches suspended, late or under a troubled météo at the end of the period, the most serious first. */
export function fichesInDifficulty(c: ReportContext): { a: ReportAction; row: string[] }[] {
  const { period, asOf, t } = c;
  return c.now.actions
    .map((a) => ({ a, s: t.stateAt(a, period.to) }))
    .map(({ a, s }) => ({ a, s, d: difficultyOf(a, s, asOf) }))
    .filter((x): x is { a: ReportAction; s: ActionState; d: Difficulty } => x.d !== null)
    .map(({ a, s, d }) => {
      const reasons = [
        d.suspended && 'Suspendue',
        // The reason is the pilot's sentence: its own full stop is not doubled by the separator.
        d.troubled && `Météo ${lowerFirst(meteoText(s.meteo!))}${s.meteoReason ? ` : ${s.meteoReason.replace(/\.$/, '')}` : ''}`,
        d.overdue && `Date de fin dépassée (${formatDate(a.endsOn)})`,
      ].filter(Boolean);
      return { a, order: s.meteo === 'orage' && d.troubled ? 0 : d.troubled ? 1 : 2, row: [actionName(a), a.pilot ?? 'À désigner', reasons.join(' ; ')] };
    })
    .sort((x, y) => x.order - y.order || compareFrench(x.a.code ?? x.a.title, y.a.code ?? y.a.title));
}

export function difficulties(c: ReportContext): NonNullable<ReportView['difficulties']> {
  const found = fichesInDifficulty(c);
  const shown = found.slice(0, MAX_DIFFICULTIES);
  return {
    intro:
      found.length === 0
        ? 'Aucune fiche n’est en difficulté à la fin de la période : aucune n’est suspendue, en retard ou sous une météo défavorable.'
        : `${capitalize(plural(found.length, 'fiche est', 'fiches sont'))} en difficulté à la fin de la période : ${found.length === 1 ? 'suspendue, en retard ou sous une météo' : 'suspendues, en retard ou sous une météo'} ${TROUBLED_METEOS.map((m) => lowerFirst(meteos.labels[m])).join(' ou ')}. Les plus sérieuses d’abord.`,
    table: {
      columns: [
        { title: 'Fiche action', width: 0.42 },
        { title: 'Pilote', width: 0.22 },
        { title: 'Motif', width: 0.36 },
      ],
      rows: shown.map((x) => x.row),
      emptyText: 'Aucune fiche en difficulté.',
    },
    more: found.length > shown.length ? `Et ${plural(found.length - shown.length, 'autre fiche', 'autres fiches')} : voir l’annexe A, qui donne la météo et le statut de chacune.` : null,
  };
}

/** The fiches described under each part, once each (under their first attachment), then those attached nowhere. */
function fichesByPart(c: ReportContext): { framework: ReportData['frameworks'][number] | null; part: CatalogueNode | null; fiches: ReportAction[]; alsoHere: ReportAction[] }[] {
  const homes = new Map(c.now.actions.map((a) => [a.id, homeOf(c, a)]));
  const result: ReturnType<typeof fichesByPart> = [];
  for (const framework of c.frameworks) {
    const parts = c.data.nodes.filter((n) => n.frameworkCode === framework.code && (n.parentId === null ? !childrenOf(c, n.id).some((k) => k.kind === 'objectif') : n.kind === 'objectif' && c.nodeById.get(n.parentId)?.parentId === null));
    for (const part of parts) {
      const fiches = c.now.actions.filter((a) => homes.get(a.id)?.id === part.id);
      const alsoHere = c.now.actions.filter((a) => homes.get(a.id)?.id !== part.id && a.measureIds.some((id) => groupOf(c, id)?.id === part.id));
      result.push({ framework, part, fiches, alsoHere });
    }
  }
  const nowhere = c.now.actions.filter((a) => homes.get(a.id) === null);
  if (nowhere.length) result.push({ framework: null, part: null, fiches: nowhere, alsoHere: [] });
  return result;
}

function partHeading(c: ReportContext, part: CatalogueNode | null): string {
  if (!part) return 'Fiches sans rattachement à un référentiel';
  const parent = part.parentId ? c.nodeById.get(part.parentId) : undefined;
  return `${parent ? `${parent.label} · ` : ''}${part.label} – ${part.title}`;
}

/** Annex A: a line per fiche, then the complete lists of protocols the main document cuts short; none when it would hold nothing. */
export function annexActions(c: ReportContext, protocols: TitledTable[]): ReportView['annexActions'] {
  const groups = fichesByPart(c)
    .filter((g) => g.fiches.length > 0)
    .map((g) => ({
      heading: `${g.framework ? `${g.framework.shortTitle} – ` : ''}${partHeading(c, g.part)}`,
      note: g.alsoHere.length ? `Également rattachées ici : ${g.alsoHere.map((a) => a.code ?? a.title).join(', ')}.` : null,
      table: {
        columns: [
          // Wide enough for « Abandonnée » and « Avanc. » on one line in DejaVu Sans, the widest font a reader may have.
          { title: 'Fiche action et pilote', width: 0.63 },
          { title: 'Statut', width: 0.15 },
          { title: 'Météo', width: 0.11 },
          { title: 'Avanc.', width: 0.11, align: 'right' as const },
        ],
        // The pilot under the fiche's name: two lines a fiche, where a column of its own wrapped to three or four.
        rows: g.fiches.map((a) => {
          const s = c.t.stateAt(a, c.period.to);
          const returned = lastReturnText(lastReturnOn(c.data, a.id, c.period));
          return [`${actionName(a)}\nPilote : ${a.pilot ?? 'à désigner'}${returned ? `\n${returned}` : ''}`, actionStatuses.labels[s.status], s.meteo ? meteos.labels[s.meteo] : '–', `${s.progress} %`];
        }),
        emptyText: '',
      },
    }));
  if (groups.length === 0 && protocols.length === 0) return null;
  return {
    intro: groups.length
      ? `Une ligne par fiche action suivie sur la période (${plural(c.now.actions.length, 'fiche')}), sous son premier rattachement ; son état est celui de la fin de la période (« – » : météo non renseignée).${c.options.detailed ? ' Les fiches complètes, avec leur journal, forment le document « fiches actions détaillées ».' : ''}`
      : 'Aucune fiche action n’a été suivie sur la période : cette annexe ne donne que les listes complètes des protocoles.',
    groups,
    protocols,
  };
}

function dates(a: ReportAction): string {
  if (a.startsOn && a.endsOn) return `Du ${formatDate(a.startsOn)} au ${formatDate(a.endsOn)}`;
  if (a.startsOn) return `À partir du ${formatDate(a.startsOn)}`;
  if (a.endsOn) return `Jusqu’au ${formatDate(a.endsOn)}`;
  return 'Non précisé';
}

function journalText(e: ReportJournalEntry): string {
  if (e.text === null) throw new Error('Annexe B : le journal a été lu sans ses textes (readReportData, journalTexts).');
  const changes = [e.status && `statut : ${lowerFirst(actionStatuses.labels[e.status])}`, e.meteo && `météo : ${lowerFirst(meteoText(e.meteo))}`, e.progress !== null && `avancement : ${e.progress} %`].filter(Boolean);
  return changes.length ? `${e.text} (${changes.join(', ')})` : e.text;
}

function card(c: ReportContext, a: ReportAction): ActionCard {
  const { period, previous, t, data } = c;
  const end = t.stateAt(a, period.to);
  const before = a.createdOn <= previous.to ? t.stateAt(a, previous.to) : null;
  const shortTitles = new Map(data.frameworks.map((f) => [f.code, f.shortTitle]));
  const measures = a.measureIds.map((id) => c.nodeById.get(id)).filter((n) => n !== undefined).map((n) => `${shortTitles.get(n.frameworkCode) ?? n.frameworkCode} · ${n.label}`);
  const facts: [string, string][] = [
    ['Mesures nationales', measures.join(' ; ') || 'Aucune'],
    ['Pilote', a.pilot ?? 'À désigner'],
    ['Contributeurs', a.partners.join(', ') || 'Aucun'],
    ['Calendrier', dates(a)],
    ['Budget', a.budget === null ? 'Non renseigné' : `${formatInteger(Math.round(a.budget))}\u00A0€${a.funders ? ` – ${a.funders}` : ''}`],
    ['Statut en fin de période', actionStatuses.labels[end.status]],
    ['Météo', end.meteo ? `${meteoText(end.meteo)}${end.meteoReason ? ` – ${end.meteoReason}` : ''}` : 'Non renseignée'],
    ['Avancement', `${end.progress} %${before ? ` (${before.progress} % à la fin de la période précédente)` : ''}`],
  ];
  const indicators = data.indicators.filter((i) => i.actionId === a.id);
  const show = (v: number | null | undefined, unit: string | null) => (v === null || v === undefined ? '–' : `${formatNumber(v)}${unit === '%' ? ' %' : ''}`);
  const assessment = (i: ReportIndicator) =>
    ({ no_value: 'Pas encore de valeur', no_target: 'Sans cible datée', reached: 'Cible atteinte', on_track: 'En bonne voie', behind: 'En retard' })[assessIndicator(plan(i), valuesUpTo(i, period.to)).kind];
  return {
    heading: actionName(a),
    facts,
    indicators: indicators.length
      ? {
          columns: [
            { title: 'Indicateur', width: 0.3 },
            { title: 'Départ', width: 0.1, align: 'right' },
            { title: 'Fin de période', width: 0.15, align: 'right' },
            { title: 'Période précédente', width: 0.15, align: 'right' },
            { title: 'Cible', width: 0.13, align: 'right' },
            { title: 'Appréciation', width: 0.17 },
          ],
          rows: indicators.map((i) => {
            const latest = latestUpTo(i, period.to);
            return [
              indicatorName(i),
              show(i.baseline, i.unit),
              latest ? `${show(latest.value, i.unit)}\nau ${formatDate(latest.measuredOn)}` : '–',
              show(latestUpTo(i, previous.to)?.value, i.unit),
              i.target === null ? '–' : `${show(i.target, i.unit)}${i.targetOn ? `\nau ${formatDate(i.targetOn)}` : ''}`,
              assessment(i),
            ];
          }),
          emptyText: '',
        }
      : null,
    journal: t.inPeriod(a.id, period).map((e) => ({ date: formatDate(e.entryOn), text: journalText(e) })),
    journalEmpty: 'Aucun fait d’avancement n’a été consigné au journal pendant la période.',
  };
}

export function detailedFrameworks(c: ReportContext): DetailedView['frameworks'] {
  const byFramework = new Map<string, DetailedView['frameworks'][number]>();
  for (const g of fichesByPart(c)) {
    if (g.fiches.length === 0 && g.alsoHere.length === 0) continue;
    const key = g.framework?.code ?? '';
    let f = byFramework.get(key);
    if (!f) byFramework.set(key, (f = { heading: g.framework?.title ?? 'Fiches sans rattachement', parts: [] }));
    f.parts.push({
      heading: partHeading(c, g.part),
      cards: g.fiches.map((a) => card(c, a)),
      alsoHere: g.alsoHere.length ? `${capitalize(plural(g.alsoHere.length, 'autre fiche est rattachée', 'autres fiches sont rattachées'))} ici, ${g.alsoHere.length === 1 ? 'décrite' : 'décrites'} sous leur premier rattachement : ${g.alsoHere.map((a) => a.code ?? a.title).join(', ')}.` : null,
    });
  }
  return [...byFramework.values()];
}
