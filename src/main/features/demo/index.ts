/**
 * The demonstration commission: a fictitious but realistic départemental network, so that a
 * secretary can try every screen and document before typing anything, and tests and benchmarks
 * get a known data set. Generation is deterministic: a seeded PRNG replaces Math.random and
 * randomUUID, and every date derives from the given day, so the same size and the same day always
 * give the same rows, ids included. Like real data, the demo holds organisations and professional
 * contacts only: individual situations appear as counts, never as people.
 *
 * Names, places and texts live in resources/demo/*.json (checked by ./data); these modules decide
 * how many of what, when, and who works with whom.
 */
import type { Db } from '../../db/connection';
import { insertActions } from './actions';
import { parisDay } from './calendar';
import { insertComposition } from './composition';
import { insertNetwork } from './network';
import { writeParcoursFigureNotes } from './minutes';
import { insertParcoursDemo } from './parcours';
import { insertProtocols } from './protocols';
import { Random } from './random';
import { insertMeetings } from './sessions';
import { civilName, fullName, territoryOf } from './territory';

export interface DemoOptions {
  size: 'small' | 'large';
  today: Date;
}

/** The tables the demo fills, in the order a summary lists them. */
export const DEMO_TABLES = [
  'partners',
  'contacts',
  'actions',
  'action_measures',
  'action_partners',
  'journal_entries',
  'indicators',
  'indicator_values',
  'protocols',
  'protocol_signatories',
  'protocol_events',
  'protocol_actions',
  'meetings',
  'meeting_attendees',
  'agenda_items',
  'agenda_item_links',
  'decisions',
  'follow_ups',
  'parcours_requests',
  'meeting_parcours',
  'seats',
  'seat_members',
  'avis_interests',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];
export type DemoSummary = Record<DemoTable, number>;

export interface SizeProfile {
  partners: number;
  contacts: number;
  actions: number;
  journalEntries: number;
  meetings: number;
  protocols: number;
  /** How far back the sessions go; one plénière every six months. */
  historyMonths: number;
}

const SIZES: Record<DemoOptions['size'], SizeProfile> = {
  small: { partners: 60, contacts: 150, actions: 25, journalEntries: 200, meetings: 8, protocols: 10, historyMonths: 18 },
  large: { partners: 2000, contacts: 5000, actions: 300, journalEntries: 5000, meetings: 100, protocols: 100, historyMonths: 72 },
};

/** Fills a commission just created by createCommissionDatabase (settings and catalogue present), in one transaction. */
/**
 * The records of the demo's last day are stamped at office hours (calendar.ts, stamp), which may be later than
 * the moment it is made (at night, or just after midnight in Paris): none is left after it, so that what the
 * user records today comes after them.
 */
function stampNoLaterThan(db: Db, now: string): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => c === 'created_at' || c === 'updated_at');
    for (const column of columns) db.prepare(`UPDATE "${table}" SET ${column} = @now WHERE ${column} > @now`).run({ now });
  }
}

export function generateDemo(db: Db, options: DemoOptions): DemoSummary {
  const size = SIZES[options.size];
  const today = parisDay(options.today);
  const rng = new Random(`maillage-demo|${options.size}|${today}`);
  const departmentCode = db.prepare('SELECT department_code FROM commission WHERE id = 1').pluck().get() as string | undefined;
  if (departmentCode === undefined) throw new Error('generateDemo needs a commission row');
  const territory = territoryOf(departmentCode, rng);

  db.transaction(() => {
    // The small demo's commission is chaired by a préfète, the large one's by a préfet: every document shows both forms.
    const network = insertNetwork(db, rng, territory, size, today, options.size === 'small' ? 'Mme' : 'M.');
    insertComposition(db, rng, territory, network, size, today);
    const actions = insertActions(db, rng, territory, network, size, today);
    const protocols = insertProtocols(db, rng, network, actions, size, today);
    insertMeetings(db, rng, territory, network, actions, protocols, size, today);
    insertParcoursDemo(db, rng, network, options.size, today);
    writeParcoursFigureNotes(db, today);
    stampNoLaterThan(db, options.today.toISOString());
    // Paramètres as a préfecture fills them, so that the convocation reads as one it sends.
    const secretary = network.head('ddfe');
    const prefect = network.head('prefecture');
    const cabinet = network.get('prefecture').contacts[1] ?? prefect;
    const reach = db.prepare('SELECT phone, email FROM contacts WHERE id = ?').get(secretary.id) as { phone: string | null; email: string | null };
    db.prepare(
      `UPDATE commission SET secretary_name = ?, prefecture_city = ?, secretariat_contact = ?, prefect_civility = ?, prefect_name = ?,
         signatory_name = ?, signatory_title = ?, signs_by_delegation = 1 WHERE id = 1`,
    ).run(civilName(secretary), territory.chefLieu.name, [reach.phone, reach.email].filter(Boolean).join(' – ') || null, prefect.civility, fullName(prefect), fullName(cabinet), cabinet.role);
  })();

  return Object.fromEntries(DEMO_TABLES.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number])) as DemoSummary;
}
