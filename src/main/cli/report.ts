import { extname, resolve } from 'node:path';
import { reportOptions, reportSections } from '../../shared/schemas/reports';
import { renderReport, writeReportFiles } from '../features/reports/reports';
import { dateOption, parseOptions, required, UsageError, validate, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage report --db FICHIER --from AAAA-MM-JJ --to AAAA-MM-JJ --out FICHIER.docx [options]

  --db FICHIER           fichier de la commission
  --from DATE            premier jour de la période (par exemple 2025-01-01)
  --to DATE              dernier jour de la période (par exemple 2025-12-31)
  --out FICHIER.docx     document Word à écrire (remplacé s’il existe)
  --framework CODE       référentiel à inclure, PLAN2021 ou SNSP2024 (répétable ; par défaut : tous)
  --without PARTIE       partie à laisser de côté (répétable) : ${reportSections.join(', ')}
  --detailed             écrit aussi l’annexe B, les fiches complètes : « FICHIER – fiches détaillées.docx »
  --directory            écrit aussi l’annuaire des structures en tableur : « FICHIER – annuaire.xlsx »
  --contacts             ajoute à cet annuaire les coordonnées professionnelles des contacts
  --recipients TEXTE     mention des destinataires sur la couverture`,

  async run(args, out) {
    const options = parseOptions(args, {
      db: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      framework: { type: 'string', multiple: true },
      without: { type: 'string', multiple: true },
      detailed: { type: 'boolean' },
      directory: { type: 'boolean' },
      contacts: { type: 'boolean' },
      recipients: { type: 'string' },
    });
    const file = resolve(required(options.db, '--db'));
    const target = resolve(required(options.out, '--out'));
    if (extname(target).toLowerCase() !== '.docx') throw new UsageError('le fichier --out doit se terminer par .docx');
    const unknown = (options.without ?? []).find((s) => !(reportSections as readonly string[]).includes(s));
    if (unknown) throw new UsageError(`partie inconnue « ${unknown} » : ${reportSections.join(', ')}`);
    const input = validate(
      reportOptions,
      {
        from: dateOption(required(options.from, '--from'), '--from'),
        to: dateOption(required(options.to, '--to'), '--to'),
        frameworks: options.framework?.map((code) => code.toUpperCase()) ?? null,
        sections: reportSections.filter((s) => !(options.without ?? []).includes(s)),
        detailed: options.detailed ?? false,
        directory: options.directory ?? false,
        includeContacts: options.contacts ?? false,
        ...(options.recipients !== undefined ? { recipients: options.recipients } : {}),
      },
      { from: '--from', to: '--to', frameworks: '--framework', sections: '--without', recipients: '--recipients' },
    );
    assertWritableTarget(target, file);

    await withCommissionFile(file, 'read', async ({ db }) => {
      const { files, title } = await renderReport(db, file, input, new Date());
      const [main, ...others] = await writeReportFiles(target, files);
      out(`${title} écrit : ${main}`);
      for (const path of others) out(`Écrit aussi : ${path}`);
    });
    return 0;
  },
};

export default command;
