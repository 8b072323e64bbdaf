import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDateTime, plural } from '../../shared/format';
import { acquireCommissionLock, type CommissionLock } from '../commission-file/lock';
import { openCommissionFile, saveBeforeReplacing } from '../commission-file/open';
import { exportPackage, installPackage, readPackage } from '../commission-file/packages';
import { CliError, parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget, cliFailure, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage package export --db FICHIER --out PAQUET
maillage package import --db FICHIER --file PAQUET [--replace]

  export   écrit toute la commission (données et fichiers joints) dans un seul fichier
           .maillage-echange, à transmettre à un autre poste
  import   vérifie le paquet (format, empreintes, intégrité) puis crée la commission FICHIER ;
           si FICHIER existe, --replace le remplace après l’avoir sauvegardé (refusé si elle est
           ouverte dans Maillage ; interrompu, le remplacement laisse l’ancienne ou la nouvelle entière)`,

  async run(args, out) {
    const [action, ...rest] = args;
    if (action === 'export') return exportCommand(rest, out);
    if (action === 'import') return importCommand(rest, out);
    throw new UsageError(action ? `action inconnue « ${action} » : export ou import` : 'indiquez export ou import');
  },
};

async function exportCommand(args: string[], out: (line: string) => void): Promise<number> {
  const options = parseOptions(args, { db: { type: 'string' }, out: { type: 'string' } });
  const file = resolve(required(options.db, '--db'));
  const target = resolve(required(options.out, '--out'));
  assertWritableTarget(target, file);
  if (existsSync(target)) throw new CliError(`le fichier ${target} existe déjà : choisissez un autre nom`);
  await withCommissionFile(file, 'read', async ({ db }) => {
    const manifest = await exportPackage(db, file, target, new Date());
    const { counts } = manifest;
    out(`Paquet d’échange écrit : ${target}`);
    out(`${manifest.commission.name}`);
    out(
      [
        plural(counts.partners, 'structure'),
        plural(counts.contacts, 'contact'),
        plural(counts.actions, 'fiche action', 'fiches actions'),
        plural(counts.protocols, 'protocole'),
        plural(counts.meetings, 'séance'),
        plural(counts.files, 'fichier joint', 'fichiers joints'),
      ].join(', '),
    );
  });
  return 0;
}

async function importCommand(args: string[], out: (line: string) => void): Promise<number> {
  const options = parseOptions(args, { db: { type: 'string' }, file: { type: 'string' }, replace: { type: 'boolean' } });
  const file = resolve(required(options.db, '--db'));
  const pkg = resolve(required(options.file, '--file'));
  if (!existsSync(pkg)) throw new CliError(`paquet introuvable : ${pkg}`);
  if (existsSync(file) && !options.replace) throw new CliError(`la commission ${file} existe déjà : ajoutez --replace pour la remplacer (elle sera sauvegardée d’abord)`);
  assertWritableTarget(file, null);
  const read = await readPackage(pkg);
  let lock: CommissionLock | null = null;
  try {
    // Refused while the commission is open in Maillage: its writes would go to a file that is replaced.
    lock = acquireCommissionLock(file);
    const saved = await saveBeforeReplacing(file, 'avant-import', { lock, now: new Date() });
    if (saved?.backup) out(`Commission actuelle sauvegardée : ${saved.backup.id}`);
    if (saved?.setAside) out(`La commission actuelle est endommagée : elle est mise de côté dans ${saved.setAside}`);
    await installPackage(read, file);
    // The one way in: a package made by an older Maillage is backed up as it came, then migrated.
    (await openCommissionFile(file, { access: 'write', lock })).close();
  } catch (error) {
    throw cliFailure(file, error);
  } finally {
    lock?.release();
    rmSync(read.dir, { recursive: true, force: true });
  }
  out(`Paquet importé : ${read.preview.commissionName} (exporté le ${formatDateTime(read.preview.exportedAt)})`);
  out(`Fichier : ${file}`);
  return 0;
}

export default command;
