import { resolve } from 'node:path';
import { departementName } from '../../shared/departements';
import { formatInteger } from '../../shared/format';
import { createCommissionFile } from '../commission-file/commission';
import { acquireCommissionLock } from '../commission-file/lock';
import { DEMO_TABLES, generateDemo, type DemoOptions, type DemoSummary, type DemoTable } from '../features/demo';
import { departmentCode, parseOptions, required, UsageError, type Command } from './command';

const SIZES: readonly DemoOptions['size'][] = ['small', 'large'];

const TABLE_LABELS: Record<DemoTable, string> = {
  partners: 'Structures partenaires',
  contacts: 'Contacts',
  actions: 'Fiches actions',
  action_measures: 'Rattachements aux mesures nationales',
  action_partners: 'Structures contributrices',
  journal_entries: 'Entrées de journal',
  indicators: 'Indicateurs',
  indicator_values: 'Valeurs d’indicateurs',
  protocols: 'Protocoles et conventions',
  protocol_signatories: 'Signataires',
  protocol_events: 'Étapes des protocoles',
  protocol_actions: 'Liens protocoles – actions',
  meetings: 'Séances',
  meeting_attendees: 'Personnes convoquées',
  agenda_items: 'Points d’ordre du jour',
  agenda_item_links: 'Liens ordre du jour – actions et protocoles',
  decisions: 'Décisions',
  follow_ups: 'Suites à donner',
  parcours_requests: 'Demandes de parcours de sortie',
  meeting_parcours: 'Coordinations de situations de mineurs (comptées)',
  seats: 'Sièges de la commission',
  seat_members: 'Nominations (titulaires et suppléants)',
  avis_interests: 'Intérêts déclarés sur un avis',
};

const command: Command = {
  usage: `maillage demo --db FICHIER [--size small|large] [--department CODE]

  --db FICHIER        fichier de la commission à créer (il ne doit pas déjà exister)
  --size TAILLE       small (60 structures, par défaut) ou large (${formatInteger(2000)} structures, pour les essais de charge)
  --department CODE   code officiel du département (par défaut : 33, la Gironde)`,

  async run(args, out) {
    const options = parseOptions(args, { db: { type: 'string' }, size: { type: 'string', default: 'small' }, department: { type: 'string', default: '33' } });
    const file = resolve(required(options.db, '--db'));
    const size = SIZES.find((s) => s === options.size);
    if (!size) throw new UsageError(`taille inconnue « ${options.size} » : small ou large`);
    const code = departmentCode(options.department);

    const started = performance.now();
    const now = new Date();
    let summary!: DemoSummary;
    // Refused over a commission open in Maillage; the lock also keeps two demos off the same file.
    const lock = acquireCommissionLock(file);
    try {
      // Built under a temporary name: a failed or killed demo leaves no half-made commission behind.
      createCommissionFile(file, { departmentCode: code, name: null }, now, undefined, (db) => {
        summary = generateDemo(db, { size, today: now });
      });
    } finally {
      lock.release();
    }
    const elapsed = Math.round(performance.now() - started);

    out(`Démonstration « ${size} » (${departementName(code)}) générée en ${formatInteger(elapsed)} ms : ${file}`);
    const width = Math.max(...DEMO_TABLES.map((t) => TABLE_LABELS[t].length));
    for (const table of DEMO_TABLES) out(`  ${TABLE_LABELS[table].padEnd(width)}  ${formatInteger(summary[table]).padStart(6)}`);
    return 0;
  },
};

export default command;
