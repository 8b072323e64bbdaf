import { resolve } from 'node:path';
import { createCommission } from '../../shared/schemas/commission';
import { createCommissionDatabase, readCommission } from '../commission-file/commission';
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
    const db = createCommissionDatabase(file, input, new Date());
    try {
      out(`Commission créée : ${readCommission(db, file).name}`);
      out(`Fichier : ${file}`);
    } finally {
      db.close();
    }
    return 0;
  },
};

export default command;
