import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDate, formatNumber, plural } from '../../shared/format';
import { parcoursEndReasons, parcoursExitReasons } from '../../shared/labels';
import { openDatabase } from '../db/connection';
import { tabularFormatOf } from '../documents/tabular';
import { writeUserFile } from '../files';
import { exportParcours, parcoursStats } from '../services/parcours';
import { parisToday } from '../../shared/wallclock';
import { CliError, parseOptions, required, UsageError, type Command } from './command';

const command: Command = {
  usage: `maillage parcours export --db FICHIER --out TABLEAU.xlsx|TABLEAU.csv
       maillage parcours stats --db FICHIER --year AAAA [--json]

  export    le registre anonyme des demandes de parcours de sortie (mêmes colonnes que l’application)
  stats     les chiffres d’une année : premières demandes, renouvellements, avis, autorisations et refus,
            personnes en parcours au 31 décembre, sorties par motif ; --json pour un traitement automatique`,

  async run(args, out) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'export' && subcommand !== 'stats') {
      throw new UsageError(subcommand ? `sous-commande inconnue « ${subcommand} » : export, stats` : 'indiquez la sous-commande : export ou stats');
    }
    const options = parseOptions(rest, { db: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' } });
    const file = resolve(required(options.db, '--db'));
    if (subcommand === 'export') {
      const target = resolve(required(options.out, '--out'));
      const format = tabularFormatOf(target);
      if (!format) throw new UsageError('l’option --out doit nommer un fichier .csv ou .xlsx');
      if (!existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
      const db = openDatabase(file);
      try {
        const count = db.prepare('SELECT count(*) FROM parcours_requests').pluck().get() as number;
        await writeUserFile(target, await exportParcours(db, parisToday(new Date()), format));
        out(`${plural(count, 'demande exportée', 'demandes exportées')} : ${target}`);
      } finally {
        db.close();
      }
      return 0;
    }
    const year = required(options.year, '--year');
    if (!/^(19|20)\d\d$/.test(year)) throw new UsageError('l’option --year attend une année sur quatre chiffres, par exemple 2025');
    if (!existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
    const db = openDatabase(file);
    try {
      const s = parcoursStats(db, `${year}-01-01`, `${year}-12-31`);
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
      out(`  en parcours le ${formatDate(s.to)}  ${s.inProgressAtEnd}`);
      out(`  sorties                     ${s.exitsTotal}${s.exitsTotal ? ` (${parcoursExitReasons.filter((r) => s.exits[r]).map((r) => `${parcoursEndReasons.labels[r].toLowerCase()} : ${s.exits[r]}`).join(', ')})` : ''}`);
      out(`  durée moyenne               ${s.meanDurationMonths === null ? '—' : `${formatNumber(s.meanDurationMonths)} mois`}`);
      return 0;
    } finally {
      db.close();
    }
  },
};

export default command;
