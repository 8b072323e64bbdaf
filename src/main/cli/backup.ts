import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDateTime } from '../../shared/format';
import { openDatabase } from '../db/connection';
import { replaceFile } from '../platform/files';
import { copyAttachedFiles, copyDatabase, createBackup, quickCheck } from '../commission-file/backups';
import { filesDir } from '../commission-file/commission';
import { CliError, parseOptions, required, type Command } from './command';

const command: Command = {
  usage: `maillage backup --db FICHIER [--out FICHIER]

  --db FICHIER    fichier de la commission à sauvegarder (il peut être ouvert dans Maillage)
  --out FICHIER   écrit la sauvegarde dans ce fichier (et ses fichiers joints dans « <nom>-fichiers »)
                  au lieu du dossier « sauvegardes » de la commission

La sauvegarde est faite avec l’API de sauvegarde de SQLite : une copie cohérente, même pendant
que Maillage écrit. Le fichier de la commission n’est pas modifié.`,

  async run(args, out) {
    const options = parseOptions(args, { db: { type: 'string' }, out: { type: 'string' } });
    const file = resolve(required(options.db, '--db'));
    if (!existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
    const target = options.out === undefined ? null : resolve(options.out);
    if (target && existsSync(target)) throw new CliError(`le fichier ${target} existe déjà : choisissez un autre nom`);
    // Read-only: a backup takes the file as it is, without migrating it.
    const db = openDatabase(file, { readonly: true });
    try {
      if (quickCheck(db) !== null) out('Attention : ce fichier ne passe pas la vérification d’intégrité ; il est sauvegardé tel quel.');
      if (target) {
        // Under a temporary name, renamed when whole: an interrupted backup is never mistaken for one.
        await replaceFile(target, (partial) => copyDatabase(db, partial));
        const files = copyAttachedFiles(filesDir(file), filesDir(target));
        out(`Sauvegarde écrite : ${target}${files > 0 ? ` (et ${files} fichier${files > 1 ? 's' : ''} joint${files > 1 ? 's' : ''} dans ${filesDir(target)})` : ''}`);
      } else {
        const info = await createBackup(db, file, 'manuel', new Date());
        out(`Sauvegarde du ${formatDateTime(info.createdAt)} : ${info.id}`);
        out(`Dossier : ${resolve(filesDir(file), 'sauvegardes', info.id)}`);
      }
    } finally {
      db.close();
    }
    return 0;
  },
};

export default command;
