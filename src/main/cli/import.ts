import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { joinFrench, plural } from '../../shared/format';
import { stripInvisible } from '../../shared/text';
import { importFieldLabels, plannedImport } from '../../shared/model/partner-import';
import { parisToday } from '../../shared/wallclock';
import { readImportTable } from '../spreadsheets/read-in-worker';
import { analyseImport, commitImport, preparePartnerTable, suggestMapping } from '../features/partners/import';
import { CliError, parseOptions, required, UsageError, type Command } from './command';
import { withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage import partners --db FICHIER --file TABLEAU [--dry-run] [--on-duplicate skip|merge]

  --db FICHIER          fichier de la commission
  --file TABLEAU        liste des partenaires : .xlsx, ou CSV (point-virgule ou virgule, Windows-1252 ou UTF-8)
  --dry-run             vérifie le fichier et affiche le rapport sans rien écrire
  --on-duplicate CHOIX  structures déjà présentes (même nom et commune, ou même SIRET) : skip pour les ignorer
                        (par défaut), merge pour compléter la fiche existante

Les colonnes sont reconnues par leur en-tête (Structure, Type, Adresse, Code postal, Commune, Téléphone,
Courriel, Fonction, Nom du contact…). Tout ou rien : si une ligne est en erreur, rien n’est importé et le
code de sortie est 1 ; les avertissements seuls n’empêchent pas l’import.`,

  async run(args, out) {
    const [what, ...rest] = args;
    if (what !== 'partners') throw new UsageError(what ? `« ${what} » ne s’importe pas : seule « partners » est possible` : 'indiquez ce qu’il faut importer : partners');
    const options = parseOptions(rest, { db: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'on-duplicate': { type: 'string', default: 'skip' } });
    const dbFile = resolve(required(options.db, '--db'));
    const source = resolve(required(options.file, '--file'));
    const onDuplicate = options['on-duplicate'];
    if (onDuplicate !== 'skip' && onDuplicate !== 'merge') throw new UsageError(`--on-duplicate attend skip ou merge, pas « ${onDuplicate} »`);
    if (!existsSync(source)) throw new CliError(`fichier à importer introuvable : ${source}`);
    const name = stripInvisible(basename(source));
    const table = preparePartnerTable(await readImportTable(source, name), name);
    const mapping = suggestMapping(table.headers, table.rows);

    // Dry run or not, the lock: the report must describe the commission the import would write to.
    return withCommissionFile(dbFile, 'write', async ({ db }) => {
      out(`${name} : ${table.formatLabel}, en-têtes en ligne ${table.headerLine}, ${plural(table.rows.length, 'ligne')} de données.`);
      for (const warning of table.warnings) out(`Attention : ${warning}`);
      out('Colonnes :');
      table.headers.forEach((h, i) => out(`  ${h} → ${mapping[i] ? importFieldLabels[mapping[i]] : 'non importée (en-tête non reconnu)'}`));
      const plan = analyseImport(db, table, mapping, parisToday(new Date()));
      const { preview } = plan;
      for (const row of preview.rows) {
        for (const m of row.messages) out(`Ligne ${row.line}${row.structure ? ` (${row.structure})` : ''} – ${m.level === 'error' ? 'erreur' : 'attention'} : ${m.text}`);
      }
      for (const g of preview.groups.filter((x) => x.duplicateOf)) {
        const outcome = onDuplicate === 'skip' ? 'ignorée' : g.changesIfMerged.length > 0 || g.contactsNewIfMerged > 0 ? 'fusionnée' : 'rien à compléter';
        out(`Ligne ${g.line} (${g.name}) – doublon probable de « ${g.duplicateOf!.name} » (${g.duplicateOf!.reason}) : ${outcome}.`);
      }
      const planned = plannedImport(preview, () => onDuplicate);
      out(
        `Bilan : ${joinFrench([
          plural(planned.newGroups.length, 'structure nouvelle', 'structures nouvelles'),
          ...(planned.merged.length > 0 ? [plural(planned.merged.length, 'structure existante complétée', 'structures existantes complétées')] : []),
          plural(planned.contacts, 'contact à ajouter', 'contacts à ajouter'),
          plural(preview.duplicates, 'doublon'),
          plural(planned.warnings, 'ligne importée avec avertissement', 'lignes importées avec avertissement'),
          ...(planned.ignored > 0 ? [plural(planned.ignored, 'ligne ignorée (doublon sans rien de nouveau)', 'lignes ignorées (doublons sans rien de nouveau)')] : []),
          plural(preview.errors, 'ligne en erreur', 'lignes en erreur'),
        ])}.`,
      );
      if (preview.errors > 0) throw new CliError(`${plural(preview.errors, 'ligne est en erreur', 'lignes sont en erreur')} : rien n’a été importé`);
      if (options['dry-run']) {
        out('Simulation (--dry-run) : rien n’a été écrit.');
        return 0;
      }
      const summary = commitImport(db, plan, { onDuplicate }, new Date());
      out(
        `Import terminé : ${plural(summary.partnersCreated, 'structure créée', 'structures créées')}, ${plural(summary.contactsCreated, 'contact ajouté', 'contacts ajoutés')}` +
          `${summary.partnersMerged ? `, ${plural(summary.partnersMerged, 'structure complétée', 'structures complétées')}` : ''}` +
          `${summary.partnersUnchanged ? `, ${plural(summary.partnersUnchanged, 'structure déjà à jour', 'structures déjà à jour')}` : ''}` +
          `${summary.partnersSkipped ? `, ${plural(summary.partnersSkipped, 'doublon ignoré', 'doublons ignorés')}` : ''}.`,
      );
      return 0;
    });
  },
};

export default command;
