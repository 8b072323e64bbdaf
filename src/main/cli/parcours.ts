import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { formatDate, formatNumber, plural } from '../../shared/format';
import { parcoursEndReasons, parcoursExitReasons } from '../../shared/labels';
import { readImportTable } from '../spreadsheets/read-in-worker';
import { tabularFormatOf } from '../spreadsheets/writer';
import { writeUserFile } from '../platform/files';
import { parcoursImportFieldLabels } from '../../shared/model/parcours-import';
import { exportParcours, parcoursStats } from '../features/parcours/parcours';
import { freeTextGuesses, prepareParcoursTable, runParcoursImport, suggestParcoursMapping } from '../features/parcours/import';
import { identityList } from '../../shared/model/table-file';
import { normalise } from '../spreadsheets/columns';
import { parisToday } from '../../shared/wallclock';
import { lowerFirst, stripInvisible } from '../../shared/text';
import { CliError, parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage parcours export --db FICHIER --out TABLEAU.xlsx|TABLEAU.csv
       maillage parcours stats --db FICHIER --year AAAA [--json]
       maillage parcours import --db FICHIER --file TABLEAU.xlsx|TABLEAU.csv [--texte-libre EN-TÊTE]… [--dry-run]

  export    le registre anonyme des demandes de parcours de sortie (mêmes colonnes que l’application)
  stats     les chiffres d’une année : premières demandes, renouvellements, avis, autorisations et refus,
            personnes en parcours au 31 décembre, sorties par motif ; --json pour un traitement automatique
  import    le registre tenu jusqu’ici dans Excel : colonnes reconnues par leur en-tête (Référence, Association,
            Nature, Demande renouvelée, Reçue le, Séance, Avis, Décision, Début, Fin, Droits, État, Motif de fin…) ;
            les colonnes qui identifient une personne, par leur en-tête (nom, prénom, date de naissance, adresse,
            n° de dossier…) ou par leurs valeurs (date de naissance, n° de sécurité sociale, IBAN, téléphone),
            ne sont jamais lues. Les colonnes de texte libre (Référence, Demande renouvelée, Motifs, Arrêté,
            Observations) ne sont importées que si vous les nommez, une à une : --texte-libre "Observations",
            après avoir vérifié qu’elles ne contiennent rien qui identifie une personne. Tout ou rien : si une ligne est en erreur, rien n’est importé et le code de
            sortie est 1 ; --dry-run vérifie le fichier et affiche le rapport sans rien écrire`,

  async run(args, out) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'export' && subcommand !== 'stats' && subcommand !== 'import') {
      throw new UsageError(subcommand ? `sous-commande inconnue « ${subcommand} » : export, stats, import` : 'indiquez la sous-commande : export, stats ou import');
    }
    if (subcommand === 'import') return importRegister(rest, out);
    const options = parseOptions(rest, { db: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' } });
    const file = resolve(required(options.db, '--db'));
    if (subcommand === 'export') {
      const target = resolve(required(options.out, '--out'));
      const format = tabularFormatOf(target);
      if (!format) throw new UsageError('l’option --out doit nommer un fichier .csv ou .xlsx');
      assertWritableTarget(target, file);
      await withCommissionFile(file, 'read', async ({ db }) => {
        const count = db.prepare('SELECT count(*) FROM parcours_requests').pluck().get() as number;
        await writeUserFile(target, await exportParcours(db, parisToday(new Date()), format));
        out(`${plural(count, 'demande exportée', 'demandes exportées')} : ${target}`);
      });
      return 0;
    }
    const year = required(options.year, '--year');
    if (!/^(19|20)\d\d$/.test(year)) throw new UsageError('l’option --year attend une année sur quatre chiffres, par exemple 2025');
    return withCommissionFile(file, 'read', async ({ db }) => {
      const s = parcoursStats(db, `${year}-01-01`, `${year}-12-31`, parisToday(new Date()));
      if (options.json) {
        const json = {
          year: Number(year),
          firstRequests: s.firstRequests,
          renewals: s.renewals,
          favourableOpinions: s.favourableOpinions,
          unfavourableOpinions: s.unfavourableOpinions,
          authorisations: s.authorisations,
          refusals: s.refusals,
          inProgressAtEnd: s.inProgressAtEnd,
          inProgressOn: s.asOf,
          exits: s.exits,
          meanDurationMonths: s.meanDurationMonths,
        };
        out(JSON.stringify(json, null, 2));
        return 0;
      }
      out(`Parcours de sortie – année ${year}`);
      out(`  premières demandes          ${s.firstRequests}`);
      out(`  renouvellements             ${s.renewals}`);
      out(`  avis favorables             ${s.favourableOpinions}`);
      out(`  avis défavorables           ${s.unfavourableOpinions}`);
      out(`  autorisations du préfet     ${s.authorisations}`);
      out(`  refus du préfet             ${s.refusals}`);
      out(`  en parcours le ${formatDate(s.asOf)}  ${s.inProgressAtEnd}`);
      out(`  sorties                     ${s.exitsTotal}${s.exitsTotal ? ` (${parcoursExitReasons.filter((r) => s.exits[r]).map((r) => `${lowerFirst(parcoursEndReasons.labels[r])} : ${s.exits[r]}`).join(', ')})` : ''}`);
      out(`  durée moyenne               ${s.meanDurationMonths === null ? '—' : `${formatNumber(s.meanDurationMonths)} mois`}`);
      return 0;
    });
  },
};

async function importRegister(args: string[], out: (line: string) => void): Promise<number> {
  const options = parseOptions(args, { db: { type: 'string' }, file: { type: 'string' }, 'texte-libre': { type: 'string', multiple: true, default: [] }, 'dry-run': { type: 'boolean', default: false } });
  const dbFile = resolve(required(options.db, '--db'));
  const source = resolve(required(options.file, '--file'));
  if (!existsSync(source)) throw new CliError(`fichier à importer introuvable : ${source}`);
  const name = stripInvisible(basename(source));
  const table = prepareParcoursTable(await readImportTable(source, name), name);
  const mapping = suggestParcoursMapping(table);
  const freeText = freeTextGuesses(table);
  // Free text only as the user names it, column by column: what main never suggests.
  for (const header of options['texte-libre']) {
    const column = table.headers.findIndex((h) => normalise(h) === normalise(header));
    const identity = table.identity?.find((c) => c.column === column);
    if (column < 0) throw new UsageError(`--texte-libre : aucune colonne « ${header} » dans le fichier`);
    if (identity) throw new CliError(`la colonne « ${table.headers[column]} » identifie une personne${identity.reason ? ` (elle ${identity.reason})` : ''} : le registre est anonyme, elle ne peut pas être importée`);
    if (!freeText[column]) throw new UsageError(`--texte-libre : la colonne « ${table.headers[column]} » n’est pas une colonne de texte libre (Référence, Demande renouvelée, Motifs, Arrêté, Observations)`);
    mapping[column] = freeText[column];
  }
  const identity = new Map(table.identity?.map((c) => [c.column, c]));
  return withCommissionFile(dbFile, 'write', async ({ db }) => {
    out(`${name} : ${table.formatLabel}, en-têtes en ligne ${table.headerLine}, ${plural(table.rows.length, 'ligne')} de données.`);
    for (const warning of table.warnings) out(`Attention : ${warning}`);
    out('Colonnes :');
    table.headers.forEach((h, i) => {
      const person = identity.get(i);
      const field = mapping[i] ?? null;
      const guess = freeText[i] ?? null;
      out(
        `  ${h} → ${
          person
            ? `ignorée : elle identifie une personne${person.reason ? ` (elle ${person.reason})` : ''}`
            : field
              ? parcoursImportFieldLabels[field]
              : guess
                ? `non importée : texte libre (${parcoursImportFieldLabels[guess]}), à importer avec --texte-libre "${h}" si elle ne contient rien qui identifie une personne`
                : 'non importée (en-tête non reconnu)'
        }`,
      );
    });
    const now = new Date();
    const { preview } = runParcoursImport(db, table, mapping, { commit: false, now, today: parisToday(now) });
    if (preview.identityColumns.length) out(`Colonnes ignorées car elles identifient une personne : ${identityList(preview.identityColumns)}.`);
    for (const row of preview.rows) {
      for (const m of row.messages) out(`Ligne ${row.line}${row.reference ? ` (${row.reference})` : ''} – ${m.level === 'error' ? 'erreur' : 'attention'} : ${m.text}`);
    }
    out(
      `Bilan : ${plural(preview.firstRequests, 'première demande', 'premières demandes')}, ${plural(preview.renewals, 'renouvellement')}, ${plural(preview.warnings, 'ligne')} avec avertissement, ${plural(preview.errors, 'ligne')} en erreur.`,
    );
    if (preview.errors > 0) throw new CliError(`${plural(preview.errors, 'ligne est en erreur', 'lignes sont en erreur')} : rien n’a été importé`);
    if (options['dry-run']) {
      out('Simulation (--dry-run) : rien n’a été écrit.');
      return 0;
    }
    const done = runParcoursImport(db, table, mapping, { commit: true, now, today: parisToday(now) }).summary!;
    out(`Import terminé : ${plural(done.created, 'demande ajoutée', 'demandes ajoutées')} au registre (${plural(done.firstRequests, 'première demande', 'premières demandes')}, ${plural(done.renewals, 'renouvellement')}).`);
    return 0;
  });
}

export default command;
