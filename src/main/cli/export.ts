import { extname, resolve } from 'node:path';
import { writeUserFile } from '../platform/files';
import { plural } from '../../shared/format';
import { parisToday } from '../../shared/wallclock';
import { exportPartners, exportRows } from '../features/partners/export';
import { parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage export partners --db FICHIER --out SORTIE.xlsx|SORTIE.csv

  --db FICHIER   fichier de la commission
  --out SORTIE   fichier à écrire : .xlsx (classeur Excel) ou .csv (point-virgule, UTF-8 avec BOM, pour Excel)

Une ligne par contact (les colonnes de la structure sont répétées), une ligne pour une structure sans
contact. Le fichier se réimporte tel quel avec « maillage import partners ».`,

  async run(args, out) {
    const [what, ...rest] = args;
    if (what !== 'partners') throw new UsageError(what ? `« ${what} » ne s’exporte pas : seule « partners » est possible` : 'indiquez ce qu’il faut exporter : partners');
    const options = parseOptions(rest, { db: { type: 'string' }, out: { type: 'string' } });
    const dbFile = resolve(required(options.db, '--db'));
    const target = resolve(required(options.out, '--out'));
    const ext = extname(target).toLowerCase();
    if (ext !== '.csv' && ext !== '.xlsx') throw new UsageError(`le fichier de sortie doit finir par .xlsx ou .csv (reçu « ${ext || 'sans extension'} »)`);
    assertWritableTarget(target, dbFile);
    await withCommissionFile(dbFile, 'read', async ({ db }) => {
      const today = parisToday(new Date());
      const bytes = await exportPartners(db, ext === '.xlsx' ? 'xlsx' : 'csv', today);
      await writeUserFile(target, bytes);
      const partners = db.prepare('SELECT count(*) FROM partners').pluck().get() as number;
      out(`${target} : ${plural(partners, 'structure')}, ${plural(exportRows(db, today).length, 'ligne')}.`);
    });
    return 0;
  },
};

export default command;
