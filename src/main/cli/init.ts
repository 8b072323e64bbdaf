import { resolve } from 'node:path';
import { createCommission } from '../../shared/schemas/commission';
import { createCommissionFile, readCommission } from '../commission-file/commission';
import { acquireCommissionLock } from '../commission-file/lock';
import { departmentCode, parseOptions, required, validate, type Command } from './command';

const command: Command = {
  usage: `maillage init --db FICHIER --department CODE [--name TEXTE]

  --db FICHIER        fichier de la commission à créer (il ne doit pas déjà exister)
  --department CODE   code officiel du département : 33, 2A, 974…
  --name TEXTE        nom de la commission (par défaut, l’intitulé officiel suivi du département)`,

  async run(args, out) {
    const options = parseOptions(args, { db: { type: 'string' }, department: { type: 'string' }, name: { type: 'string' } });
    const file = resolve(required(options.db, '--db'));
    const input = validate(
      createCommission,
      { departmentCode: departmentCode(required(options.department, '--department')), name: options.name },
      { departmentCode: '--department', name: '--name' },
    );
    let name = '';
    // Whole or not at all, and never over a commission open in Maillage (as demo).
    const lock = acquireCommissionLock(file);
    try {
      createCommissionFile(file, input, new Date(), undefined, (db) => {
        name = readCommission(db, file).name;
      });
    } finally {
      lock.release();
    }
    out(`Commission créée : ${name}`);
    out(`Fichier : ${file}`);
    return 0;
  },
};

export default command;
