/** Fiches actions with their journal, catalogue measures, contributors and quarterly indicators. */
import { formatInteger } from '../../../shared/format';
import type { ActionStatus, Meteo } from '../../../shared/labels';
import type { Db } from '../../db/connection';
import { addDays, addMonths, daysBetween, later, longDate, minDay, stamp, type Day } from './calendar';
import { actionData, type ActionSpec, type Family, type Funder } from './data';
import type { SizeProfile } from './index';
import type { DemoPartner, Network } from './network';
import { apportion, deck, type Random } from './random';
import { civilName, type Territory } from './territory';
import { atCommune, fill, ofCommune, uniqueName } from './text';

export interface DemoAction {
  id: string;
  family: Family;
  title: string;
  status: ActionStatus;
  pilot: DemoPartner;
  createdOn: Day;
  /** The last journal day: the day a finished action closed. */
  lastOn: Day;
}

interface ActionPlan {
  status: ActionStatus;
  createdOn: Day;
  startsOn: Day;
  endsOn: Day;
  /** First and last day of the journal. */
  from: Day;
  to: Day;
  progress: number;
  meteo: Meteo | null;
}

function planAction(rng: Random, status: ActionStatus, today: Day, historyMonths: number): ActionPlan {
  const span = Math.max(historyMonths, 24);
  let startsOn: Day;
  let endsOn: Day;
  let to: Day;
  let progress: number;
  let meteo: Meteo | null;
  switch (status) {
    case 'a_lancer': {
      const createdOn = addDays(today, -rng.int(30, 120));
      startsOn = addDays(today, rng.int(20, 150));
      return { status, createdOn, startsOn, endsOn: addMonths(startsOn, rng.int(12, 24)), from: createdOn, to: addDays(today, -rng.int(0, 10)), progress: 0, meteo: null };
    }
    case 'en_cours':
      startsOn = addMonths(today, -rng.int(2, Math.min(span, 30)));
      // A real commission always has a few fiches running late or about to end: the dashboard shows them.
      endsOn = rng.chance(0.08) ? addDays(today, -rng.int(10, 60)) : rng.chance(0.1) ? addDays(today, rng.int(3, 30)) : addMonths(today, rng.int(2, 24));
      to = addDays(today, -rng.int(0, 30));
      progress = Math.max(5, Math.min(95, Math.round((100 * daysBetween(startsOn, today)) / daysBetween(startsOn, endsOn) * (0.7 + rng.float() * 0.4))));
      meteo = rng.weighted([['soleil', 4], ['couvert', 3.5], ['nuage', 1.5], ['orage', 1]] as const);
      break;
    case 'realisee':
      endsOn = addDays(today, -rng.int(20, 30 * Math.max(6, span - 12)));
      startsOn = addMonths(endsOn, -rng.int(6, 24));
      to = endsOn;
      progress = 100;
      meteo = rng.chance(0.8) ? 'soleil' : 'couvert';
      break;
    case 'suspendue':
      startsOn = addMonths(today, -rng.int(6, Math.min(span, 24)));
      endsOn = addMonths(today, rng.int(3, 12));
      to = addDays(today, -rng.int(10, 90));
      progress = rng.int(15, 60);
      meteo = rng.pick(['nuage', 'orage'] as const);
      break;
    case 'abandonnee':
      startsOn = addMonths(today, -rng.int(12, Math.max(13, span)));
      endsOn = addMonths(startsOn, rng.int(18, 30));
      to = addDays(startsOn, rng.int(120, daysBetween(startsOn, today) - 15));
      progress = rng.int(10, 50);
      meteo = 'orage';
      break;
  }
  return { status, createdOn: addDays(startsOn, -rng.int(20, 90)), startsOn, endsOn, from: startsOn, to: minDay(to, today), progress, meteo };
}

export function insertActions(db: Db, rng: Random, t: Territory, network: Network, size: SizeProfile, today: Day): DemoAction[] {
  const insertAction = db.prepare(
    `INSERT INTO actions (id, code, title, description, expected_results, pilot_partner_id, status, meteo, meteo_reason, progress, starts_on, ends_on, budget_cents, funders, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMeasure = db.prepare('INSERT INTO action_measures (action_id, node_id) VALUES (?, ?)');
  const insertContributor = db.prepare('INSERT INTO action_partners (action_id, partner_id) VALUES (?, ?)');
  const insertEntry = db.prepare(
    `INSERT INTO journal_entries (id, action_id, entry_on, text, status, meteo, meteo_reason, progress, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertIndicator = db.prepare(
    `INSERT INTO indicators (id, action_id, name, unit, baseline, baseline_on, target, target_on, sort_order, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertValue = db.prepare('INSERT INTO indicator_values (id, indicator_id, measured_on, value, note, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const nodeIds = new Map(
    (db.prepare('SELECT code, id FROM catalogue_nodes').all() as { code: string; id: string }[]).map((n) => [n.code, n.id]),
  );

  const statuses = deck<ActionStatus>(rng, size.actions, [['en_cours', 0.48], ['realisee', 0.2], ['a_lancer', 0.16], ['suspendue', 0.08], ['abandonnee', 0.08]]);
  const plans = statuses.map((s) => planAction(rng, s, today, size.historyMonths));
  const entryCounts = journalCounts(plans, size.journalEntries);
  const usedTitles = new Set<string>();
  const specs = actionData.specs;
  const digits = String(size.actions).length;

  return plans.map((plan, index): DemoAction => {
    const spec = specs[index % specs.length]!;
    const id = rng.uuid();
    // Repeated specs are the same action run on another part of the territory.
    const title = uniqueName(usedTitles, index < specs.length ? spec.title : fill(actionData.repeatedTitle, { title: spec.title, commune: rng.pick(t.communes).name }));
    const pilot = network.get(spec.pilot);
    const contributors = [
      ...spec.contributors.filter((k) => network.has(k)).map((k) => network.get(k)),
      ...(spec.localContributors ? rng.sample(network.local(spec.localContributors), rng.int(0, 3)) : []),
    ].filter((p, i, all) => p.id !== pilot.id && all.indexOf(p) === i);
    const meteoReason = plan.meteo ? rng.pick(actionData.meteoReasons[plan.meteo]) : null;
    const budget = spec.budget ? Math.round(rng.int(spec.budget[0], spec.budget[1]) / 500) * 500 : null;
    const entries = journal(rng, spec, plan, meteoReason, entryCounts[index]!, contributors, t);
    const createdAt = stamp(rng, plan.createdOn);
    const lastEntryAt = stamp(rng, entries[entries.length - 1]!.on);

    insertAction.run(
      id,
      `FA-${String(index + 1).padStart(digits, '0')}`,
      title,
      spec.description,
      spec.expected,
      pilot.id,
      plan.status,
      plan.meteo,
      meteoReason,
      plan.progress,
      plan.startsOn,
      plan.endsOn,
      budget === null ? null : budget * 100,
      budget === null ? null : fundersText(rng, spec.funders, budget, t),
      createdAt,
      later(createdAt, lastEntryAt),
    );
    for (const code of spec.measures) {
      const nodeId = nodeIds.get(code);
      if (!nodeId) throw new Error(`Catalogue node ${code} is missing`);
      insertMeasure.run(id, nodeId);
    }
    for (const partner of contributors) insertContributor.run(id, partner.id);
    for (const e of entries) {
      const at = stamp(rng, e.on);
      insertEntry.run(rng.uuid(), id, e.on, e.text, e.status, e.meteo, e.meteoReason, e.progress, at, at);
    }
    spec.indicators.forEach((indicator, order) => {
      const indicatorId = rng.uuid();
      const baseline = rng.int(indicator.baseline[0], indicator.baseline[1]);
      const target = Math.max(baseline + 1, rng.int(indicator.target[0], indicator.target[1]));
      insertIndicator.run(indicatorId, id, indicator.name, indicator.unit, baseline, plan.startsOn, target, plan.endsOn, order, createdAt, createdAt);
      if (plan.status === 'a_lancer') return;
      let value = baseline;
      for (const measuredOn of quarterEnds(plan.startsOn, plan.to)) {
        // Indicators count what has been done so far (or a rate being improved): a quarter never lowers them.
        const reached = (progressOn(plan, measuredOn) / 100) * (0.85 + rng.float() * 0.25);
        value = Math.max(value, Math.round(baseline + (target - baseline) * reached));
        const note = rng.chance(0.15) ? fill(actionData.valueNote, { partner: rng.pick([pilot, ...contributors]).name }) : null;
        insertValue.run(rng.uuid(), indicatorId, measuredOn, value, note, stamp(rng, minDay(addDays(measuredOn, rng.int(3, 20)), today)));
      }
    });
    return { id, family: spec.family, title, status: plan.status, pilot, createdOn: plan.createdOn, lastOn: plan.to };
  });
}

/** Spreads the journal entries over the actions in proportion to how long each has been running, one entry a day at most. */
function journalCounts(plans: readonly ActionPlan[], total: number): number[] {
  const capacity = plans.map((p) => daysBetween(p.from, p.to) + 1);
  const counts = apportion(total, capacity, 1).map((n, i) => Math.min(n, capacity[i]!));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % counts.length) {
    if (counts[i]! < capacity[i]!) {
      counts[i]! += 1;
      missing--;
    }
  }
  return counts;
}

function progressOn(plan: ActionPlan, day: Day): number {
  if (plan.status === 'a_lancer' || day <= plan.startsOn) return 0;
  if (day >= plan.to) return plan.progress;
  return Math.round((plan.progress * daysBetween(plan.startsOn, day)) / Math.max(1, daysBetween(plan.startsOn, plan.to)));
}

/** The last day of each quarter in [from, to]: partners report their figures quarterly. */
function quarterEnds(from: Day, to: Day): Day[] {
  const ends: Day[] = [];
  const firstMonth = Math.floor((Number(from.slice(5, 7)) - 1) / 3) * 3 + 1;
  for (let quarter = `${from.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`; ; quarter = addMonths(quarter, 3)) {
    const end = addDays(addMonths(quarter, 3), -1);
    if (end > to) return ends;
    if (end >= from) ends.push(end);
  }
}

interface Entry {
  on: Day;
  text: string;
  status: ActionStatus | null;
  meteo: Meteo | null;
  meteoReason: string | null;
  progress: number | null;
}

/**
 * The journal of one action. Its last entry sets the action's current status, météo and progress,
 * so that « the latest entry » and the fiche always agree, as they do when users write the journal.
 */
function journal(rng: Random, spec: ActionSpec, plan: ActionPlan, meteoReason: string | null, count: number, partners: readonly DemoPartner[], t: Territory): Entry[] {
  const span = daysBetween(plan.from, plan.to);
  const offsets = new Set<number>([span]);
  if (count > 1) offsets.add(0);
  while (offsets.size < count) offsets.add(rng.int(1, span - 1));
  const days = [...offsets].sort((a, b) => a - b).map((o) => addDays(plan.from, o));
  const values = () => {
    const commune = rng.pick(t.communes).name;
    const partner = partners.length ? rng.pick(partners) : null;
    const person = partner?.contacts[0];
    const n = rng.int(3, 30);
    return {
      ofCommune: ofCommune(commune),
      atCommune: atCommune(commune),
      n: String(n),
      k: String(rng.int(2, n)),
      m: formatInteger(rng.int(40, 1200)),
      partner: partner && person ? `${civilName(person)} (${partner.name})` : actionData.noPartner,
    };
  };
  // Each text once before any repeats, as a real journal would not say the same thing twice in a row.
  const texts = rng.shuffle(plan.status === 'a_lancer' ? actionData.preparationSteps : [...spec.steps, ...rng.sample(actionData.genericSteps, 2)]);

  return days.map((on, i): Entry => {
    const last = i === days.length - 1;
    if (last) return { on, text: closingText(rng, plan, spec, values()), status: plan.status, meteo: plan.meteo, meteoReason, progress: plan.progress };
    if (i === 0 && plan.status !== 'a_lancer') {
      const { text, meteoReason: launched } = actionData.launch;
      return { on, text: fill(text, values()), status: 'en_cours', meteo: plan.meteo && 'soleil', meteoReason: plan.meteo && launched, progress: 0 };
    }
    const meteo = plan.meteo && rng.chance(0.25) ? rng.pick(['soleil', 'couvert', 'nuage'] as const) : null;
    return {
      on,
      text: fill(texts[i % texts.length]!, values()),
      status: null,
      meteo,
      meteoReason: meteo && rng.pick(actionData.meteoReasons[meteo]),
      progress: plan.status !== 'a_lancer' && rng.chance(0.6) ? progressOn(plan, on) : null,
    };
  });
}

function closingText(rng: Random, plan: ActionPlan, spec: ActionSpec, values: Record<string, string>): string {
  const texts = actionData.closing;
  switch (plan.status) {
    case 'a_lancer':
      return fill(texts.a_lancer, { startsOn: longDate(plan.startsOn) });
    case 'realisee':
      return plan.meteo === 'soleil' ? texts.realisee : texts.realiseeInPart;
    case 'suspendue':
      return fill(texts.suspendue, { reason: rng.pick(actionData.suspensionReasons) });
    case 'abandonnee':
      return fill(texts.abandonnee, { reason: rng.pick(actionData.abandonReasons) });
    case 'en_cours':
      return fill(rng.pick(spec.steps), values);
  }
}

function fundersText(rng: Random, funders: readonly Funder[], budget: number, t: Territory): string {
  const values = { council: t.council, ofChefLieu: ofCommune(t.chefLieu.name) };
  const chosen = funders.slice(0, rng.int(1, funders.length));
  const shares = apportion(budget / 500, chosen.map(() => 0.5 + rng.float()));
  return chosen.map((f, i) => `${fill(actionData.funders[f], values)} : ${formatInteger(shares[i]! * 500)} €`).join(' ; ');
}

