import { resolve } from 'node:path';
import { plural } from '../../shared/format';
import { actionColumns } from '../features/measures/actions-table';
import { tabularFormatOf, writeTabularFile } from '../spreadsheets/writer';
import { parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget } from './commission-file';
import { withCommission } from './router';

const command: Command = {
  usage: `maillage actions export --db FICHIER --out TABLEAU.csv|TABLEAU.xlsx

  --db FICHIER    fichier de la commission
  --out TABLEAU   tableau à écrire : .csv (séparateur point-virgule, pour Excel) ou .xlsx

Exporte toutes les fiches actions, avec les mêmes colonnes que l’export de l’application.`,

  async run(args, out) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'export') throw new UsageError(subcommand ? `sous-commande inconnue « ${subcommand} » : export` : 'indiquez la sous-commande : export');
    const options = parseOptions(rest, { db: { type: 'string' }, out: { type: 'string' } });
    const file = resolve(required(options.db, '--db'));
    const target = resolve(required(options.out, '--out'));
    if (!tabularFormatOf(target)) throw new UsageError('l’option --out doit nommer un fichier .csv ou .xlsx');
    assertWritableTarget(target, file);
    const count = await withCommission(file, 'read', async (invoke) => {
      const rows = await invoke('actions.list');
      await writeTabularFile(target, rows, actionColumns, { sheetName: 'Fiches actions' });
      return rows.length;
    });
    out(`${plural(count, 'fiche action exportée', 'fiches actions exportées')} : ${target}`);
    return 0;
  },
};

export default command;
