import type { ActionStatus, Meteo } from '../../../shared/labels';
import type { Dashboard, DashboardActionRef } from '../../../shared/model/measures';
import { assessIndicator, endsWithin, isOverdue, summarizeActions, type IndicatorPoint } from '../../../shared/progress';
import type { Db } from '../../db/connection';
import { toJournalEntry, type IndicatorRow } from '../measures/actions';

const ENDING_SOON_DAYS = 30;
const LATEST_ENTRIES = 8;

interface ActionRow {
  id: string;
  code: string | null;
  title: string;
  status: ActionStatus;
  meteo: Meteo | null;
  progress: number;
  ends_on: string | null;
  pilot_name: string | null;
}

/** Where the commission stands, in a handful of queries whatever the size of its history. */
export function dashboard(db: Db, today: string): Dashboard {
  const actions = db
    .prepare(
      `SELECT a.id, a.code, a.title, a.status, a.meteo, a.progress, a.ends_on, p.name AS pilot_name
       FROM actions a LEFT JOIN partners p ON p.id = a.pilot_partner_id`,
    )
    .all() as ActionRow[];
  const byId = new Map(actions.map((a) => [a.id, a]));

  const frameworkRows = db.prepare('SELECT id, code, title, short_title FROM frameworks ORDER BY sort_order, code').all() as {
    id: string;
    code: string;
    title: string;
    short_title: string;
  }[];
  const actionsOfFramework = new Map<string, Set<string>>(frameworkRows.map((f) => [f.id, new Set()]));
  for (const link of db
    .prepare('SELECT DISTINCT n.framework_id, am.action_id FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id')
    .all() as { framework_id: string; action_id: string }[]) {
    actionsOfFramework.get(link.framework_id)?.add(link.action_id);
  }
  const frameworks = frameworkRows.map((f) => ({
    code: f.code,
    shortTitle: f.short_title,
    title: f.title,
    summary: summarizeActions([...(actionsOfFramework.get(f.id) ?? [])].map((id) => byId.get(id)!)),
  }));

  const ref = (a: ActionRow): DashboardActionRef => ({
    id: a.id,
    code: a.code,
    title: a.title,
    endsOn: a.ends_on!,
    status: a.status,
    meteo: a.meteo,
    pilotName: a.pilot_name,
  });
  const byEnd = (a: DashboardActionRef, b: DashboardActionRef) => a.endsOn.localeCompare(b.endsOn);
  const state = (a: ActionRow) => ({ status: a.status, endsOn: a.ends_on });

  return {
    today,
    frameworks,
    actionsCount: actions.length,
    overdue: actions.filter((a) => isOverdue(state(a), today)).map(ref).sort(byEnd),
    endingSoon: actions.filter((a) => endsWithin(state(a), today, ENDING_SOON_DAYS)).map(ref).sort(byEnd),
    ...indicatorsBehind(db, byId),
    journalByMonth: journalByMonth(db, today),
    latestEntries: (
      db
        .prepare(
          `SELECT j.*, a.title AS action_title, a.code AS action_code FROM journal_entries j JOIN actions a ON a.id = j.action_id
           ORDER BY j.entry_on DESC, j.created_at DESC LIMIT ?`,
        )
        .all(LATEST_ENTRIES) as (Parameters<typeof toJournalEntry>[0] & { action_title: string; action_code: string | null })[]
    ).map((row) => ({ ...toJournalEntry(row), actionTitle: row.action_title, actionCode: row.action_code })),
  };
}

function indicatorsBehind(db: Db, actions: Map<string, ActionRow>): Pick<Dashboard, 'indicatorsCount' | 'indicatorsBehind'> {
  const indicators = db.prepare('SELECT id, action_id, name, unit, baseline, baseline_on, target, target_on FROM indicators').all() as IndicatorRow[];
  const values = new Map<string, IndicatorPoint[]>();
  for (const v of db.prepare('SELECT indicator_id, measured_on AS measuredOn, value FROM indicator_values').all() as (IndicatorPoint & { indicator_id: string })[]) {
    const list = values.get(v.indicator_id);
    if (list) list.push(v);
    else values.set(v.indicator_id, [v]);
  }
  const behind: Dashboard['indicatorsBehind'] = [];
  for (const i of indicators) {
    const action = actions.get(i.action_id)!;
    // An abandoned or finished fiche's indicators are no longer being pursued.
    if (action.status === 'abandonnee' || action.status === 'realisee') continue;
    const assessment = assessIndicator({ baseline: i.baseline, baselineOn: i.baseline_on, target: i.target, targetOn: i.target_on }, values.get(i.id) ?? []);
    if (assessment.kind !== 'behind') continue;
    behind.push({
      id: i.id,
      name: i.name,
      unit: i.unit,
      actionId: i.action_id,
      actionTitle: action.title,
      latest: assessment.latest.value,
      latestOn: assessment.latest.measuredOn,
      expected: assessment.expected,
      target: i.target!,
      targetOn: i.target_on!,
    });
  }
  // The furthest behind the path first, in proportion of where the path stands.
  const lag = (b: Dashboard['indicatorsBehind'][number]) => Math.abs(b.expected - b.latest) / Math.max(1, Math.abs(b.expected));
  behind.sort((a, b) => lag(b) - lag(a));
  return { indicatorsCount: indicators.length, indicatorsBehind: behind };
}

function journalByMonth(db: Db, today: string): Dashboard['journalByMonth'] {
  const months: string[] = [];
  const [year, month] = today.split('-').map(Number) as [number, number];
  for (let k = 11; k >= 0; k--) {
    const d = new Date(Date.UTC(year, month - 1 - k, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const counts = new Map(
    (
      db
        .prepare("SELECT substr(entry_on, 1, 7) AS month, count(*) AS n FROM journal_entries WHERE entry_on >= ? AND entry_on <= ? GROUP BY month")
        .all(`${months[0]}-01`, today) as { month: string; n: number }[]
    ).map((r) => [r.month, r.n]),
  );
  return months.map((m) => ({ month: m, count: counts.get(m) ?? 0 }));
}
