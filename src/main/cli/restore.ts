import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDateTime } from '../../shared/format';
import { lowerFirst } from '../../shared/text';
import { backupsDir, listBackups, replaceCommission, restorableProblem } from '../commission-file/backups';
import { acquireCommissionLock, type CommissionLock } from '../commission-file/lock';
import { filesDir } from '../commission-file/commission';
import { saveBeforeReplacing } from '../commission-file/open';
import { CliError, parseOptions, required, type Command } from './command';
import { cliFailure } from './commission-file';

const command: Command = {
  usage: `maillage restore --db FICHIER --from SAUVEGARDE

  --db FICHIER         fichier de la commission à remplacer (refusé si elle est ouverte dans Maillage)
  --from SAUVEGARDE    une sauvegarde de son dossier « sauvegardes » (son nom, ou « derniere »),
                       un dossier de sauvegarde, ou un fichier écrit par « maillage backup --out »

La sauvegarde est vérifiée avant tout. L’état actuel de la commission est sauvegardé (ou, s’il est
endommagé, mis de côté dans le dossier « sauvegardes ») avant d’être remplacé. Le remplacement se fait
d’un bloc : interrompu, il laisse l’ancienne commission entière ou la nouvelle entière.`,

  async run(args, out) {
    const options = parseOptions(args, { db: { type: 'string' }, from: { type: 'string' } });
    const file = resolve(required(options.db, '--db'));
    const from = required(options.from, '--from');
    const source = resolveSource(file, from);
    const problem = restorableProblem(source.db, source.files);
    if (problem) throw new CliError(`impossible de restaurer ${from} : ${lowerFirst(problem)}`);
    // Refused while the commission is open in Maillage: its writes would go to a file that is replaced.
    const lock = acquireCommissionLock(file);
    try {
      await restore(file, source, lock, out);
    } catch (error) {
      throw cliFailure(file, error);
    } finally {
      lock.release();
    }
    return 0;
  },
};

async function restore(file: string, source: { db: string; files: string | null; label: string }, lock: CommissionLock, out: (line: string) => void): Promise<void> {
  const saved = await saveBeforeReplacing(file, 'avant-restauration', { lock, now: new Date() });
  if (saved?.backup) out(`État actuel sauvegardé : ${saved.backup.id}`);
  if (saved?.setAside) out(`Le fichier actuel est endommagé : il est mis de côté dans ${saved.setAside}`);
  await replaceCommission(file, source.db, source.files);
  out(`Commission restaurée depuis ${source.label}.`);
}

function resolveSource(file: string, from: string): { db: string; files: string | null; label: string } {
  const backups = listBackups(file);
  const named = from === 'derniere' ? backups[0] : backups.find((b) => b.id === from);
  if (named) return { db: join(backupsDir(file), named.id, 'commission.maillage'), files: join(backupsDir(file), named.id, 'fichiers'), label: `la sauvegarde du ${formatDateTime(named.createdAt)}` };
  if (from === 'derniere') throw new CliError(`aucune sauvegarde dans ${backupsDir(file)}`);
  const path = resolve(from);
  if (!existsSync(path)) throw new CliError(`sauvegarde introuvable : ${from}`);
  if (statSync(path).isDirectory()) return { db: join(path, 'commission.maillage'), files: join(path, 'fichiers'), label: path };
  return { db: path, files: existsSync(filesDir(path)) ? filesDir(path) : null, label: path };
}

export default command;
