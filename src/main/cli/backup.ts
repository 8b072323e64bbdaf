import { resolve } from 'node:path';
import { formatDateTime, plural } from '../../shared/format';
import { createBackup, writeCommissionCopy } from '../commission-file/backups';
import { filesDir } from '../commission-file/commission';
import { parseOptions, required, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage backup --db FICHIER [--out FICHIER]

  --db FICHIER    fichier de la commission à sauvegarder (il peut être ouvert dans Maillage)
  --out FICHIER   écrit la sauvegarde dans ce fichier (et ses fichiers joints dans « <nom>-fichiers »)
                  au lieu du dossier « sauvegardes » de la commission

La sauvegarde est une copie cohérente, même pendant que Maillage écrit. Le fichier de la commission
n’est pas modifié (sauf s’il vient d’une version plus ancienne de Maillage : il est alors mis à jour,
après une première sauvegarde tel quel). Avec --out, la copie et ses fichiers joints sont écrits sous
un nom temporaire et n’apparaissent qu’une fois complets.`,

  async run(args, out) {
    const options = parseOptions(args, { db: { type: 'string' }, out: { type: 'string' } });
    const file = resolve(required(options.db, '--db'));
    const target = options.out === undefined ? null : resolve(options.out);
    if (target) assertWritableTarget(target, file);
    await withCommissionFile(file, 'read', async ({ db }) => {
      if (target) {
        const files = await writeCommissionCopy(db, file, target, { replace: false });
        out(`Sauvegarde écrite : ${target}${files > 0 ? ` (et ${plural(files, 'fichier joint', 'fichiers joints')} dans ${filesDir(target)})` : ''}`);
      } else {
        const info = await createBackup(db, file, 'manuel', new Date());
        out(`Sauvegarde du ${formatDateTime(info.createdAt)} : ${info.id}`);
        out(`Dossier : ${resolve(filesDir(file), 'sauvegardes', info.id)}`);
      }
    });
    return 0;
  },
};

export default command;
