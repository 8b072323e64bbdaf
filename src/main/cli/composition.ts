import { extname, resolve } from 'node:path';
import { writeUserFile } from '../platform/files';
import { formatDate, plural } from '../../shared/format';
import { parisToday } from '../../shared/wallclock';
import { exportComposition, getComposition } from '../features/composition/composition';
import { dateOption, parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage composition export --db FICHIER --out SORTIE.xlsx|SORTIE.csv [--on JJ/MM/AAAA]

  --db FICHIER   fichier de la commission
  --out SORTIE   fichier à écrire : .xlsx (classeur Excel) ou .csv (point-virgule, UTF-8 avec BOM, pour Excel)
  --on DATE      la composition de ce jour (par défaut aujourd’hui), par exemple celle d’une séance passée

Une ligne par membre en fonction ce jour-là (titulaire ou suppléant), collège par collège, avec son siège,
le titre auquel il siège, les dates de sa nomination et la référence de l’arrêté ; un siège vacant a sa ligne.`,

  async run(args, out) {
    const [what, ...rest] = args;
    if (what !== 'export') throw new UsageError(what ? `« ${what} » n’est pas possible : seule « export » l’est` : 'indiquez ce qu’il faut faire : export');
    const options = parseOptions(rest, { db: { type: 'string' }, out: { type: 'string' }, on: { type: 'string' } });
    const dbFile = resolve(required(options.db, '--db'));
    const target = resolve(required(options.out, '--out'));
    const ext = extname(target).toLowerCase();
    if (ext !== '.csv' && ext !== '.xlsx') throw new UsageError(`le fichier de sortie doit finir par .xlsx ou .csv (reçu « ${ext || 'sans extension'} »)`);
    const on = options.on === undefined ? parisToday(new Date()) : dateOption(options.on, '--on');
    assertWritableTarget(target, dbFile);
    await withCommissionFile(dbFile, 'read', async ({ db }) => {
      const composition = getComposition(db, on);
      await writeUserFile(target, await exportComposition(db, on, ext === '.xlsx' ? 'xlsx' : 'csv'));
      const held = composition.seats.filter((s) => s.titulaire);
      const suppleants = composition.seats.reduce((n, s) => n + s.suppleants.length, 0);
      const vacant = composition.seats.length - held.length;
      out(
        `${target} : composition au ${formatDate(on)}, ${plural(held.length, 'siège pourvu', 'sièges pourvus')}, ${plural(suppleants, 'suppléant')}` +
          (vacant ? `, ${plural(vacant, 'siège vacant', 'sièges vacants')}.` : '.'),
      );
      if (composition.toConfirm) out('Attention : cette composition vient des anciennes cases « membre » et n’a pas encore été confirmée dans Maillage (écran Composition).');
    });
    return 0;
  },
};

export default command;
