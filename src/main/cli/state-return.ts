import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatInteger, plural } from '../../shared/format';
import { renderStateReturn, writeStateReturn } from '../features/state-return/package';
import { validateStateReturn } from '../features/state-return/validate';
import { CliError, parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage state-return --db FICHIER --year AAAA --out DOSSIER
       maillage state-return validate --file FICHIER

  La remontée annuelle de la commission à l’État, pour une année close :
  --db FICHIER       fichier de la commission
  --year AAAA        année de la remontée (par exemple 2025)
  --out DOSSIER      dossier où écrire le tableau de données (CSV et datapackage.json), le classeur
                     Excel et le courrier du préfet (créé s’il n’existe pas)

  validate           contrôle une remontée reçue : son datapackage.json, ou le fichier CSV à côté
  --file FICHIER     le datapackage.json ou le CSV à contrôler`,

  async run(args, out) {
    if (args[0] === 'validate') {
      const options = parseOptions(args.slice(1), { file: { type: 'string' } });
      const file = resolve(required(options.file, '--file'));
      const result = await validateStateReturn(file);
      if (result.errors.length === 0) {
        out(`Remontée valide : ${result.summary}.`);
        return 0;
      }
      out(`Remontée refusée : ${plural(result.errors.length, 'erreur')}.`);
      for (const e of result.errors.slice(0, 50)) out(`  ${e}`);
      if (result.errors.length > 50) out(`  … et ${formatInteger(result.errors.length - 50)} autres.`);
      throw new CliError(`${result.file} n’est pas une remontée valide.`);
    }
    const options = parseOptions(args, { db: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } });
    const file = resolve(required(options.db, '--db'));
    const year = required(options.year, '--year');
    if (!/^(19|20)\d\d$/.test(year)) throw new UsageError('l’option --year attend une année sur quatre chiffres, par exemple 2025');
    const dir = resolve(required(options.out, '--out'));
    assertWritableTarget(dir, file);
    await withCommissionFile(file, 'read', async ({ db }) => {
      const { stateReturn, files } = await renderStateReturn(db, file, Number(year), new Date());
      mkdirSync(dir, { recursive: true });
      const paths = await writeStateReturn(dir, files);
      out(`Remontée annuelle ${year} (${stateReturn.departementName}) écrite dans ${dir} :`);
      for (const path of paths) out(`  ${path}`);
    });
    return 0;
  },
};

export default command;
