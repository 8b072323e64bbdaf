import { extname, resolve } from 'node:path';
import { DEFAULT_MAP_INDICATOR, indicatorById } from '../../shared/state-return';
import { parisToday } from '../../shared/wallclock';
import { buildSynthesis, mapSynthesis } from '../documents/state-return/synthesis';
import { consolidate, consolidationWorkbook } from '../features/state-return/consolidate';
import { writeUserFile } from '../platform/files';
import { parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget } from './commission-file';

const command: Command = {
  usage: `maillage consolidate --in DOSSIER --out FICHIER.docx [--xlsx FICHIER.xlsx] [--map INDICATEUR]

  Consolide les remontées annuelles d’une région ou du pays : chaque remontée trouvée dans le dossier et
  ses sous-dossiers est contrôlée ; les fichiers invalides sont écartés avec leur motif.
  --in DOSSIER          dossier des remontées (un sous-dossier par département, ou les fichiers côte à côte)
  --out FICHIER.docx    synthèse Word (remplacée si elle existe)
  --xlsx FICHIER.xlsx   classeur : les chiffres de chaque département côte à côte et les totaux
  --map INDICATEUR      chiffre qui colore la carte (par défaut ${DEFAULT_MAP_INDICATOR})`,

  async run(args, out) {
    const options = parseOptions(args, { in: { type: 'string' }, out: { type: 'string' }, xlsx: { type: 'string' }, map: { type: 'string' } });
    const dir = resolve(required(options.in, '--in'));
    const docx = resolve(required(options.out, '--out'));
    if (extname(docx).toLowerCase() !== '.docx') throw new UsageError('le fichier --out doit se terminer par .docx');
    const xlsx = options.xlsx === undefined ? null : resolve(options.xlsx);
    if (xlsx && extname(xlsx).toLowerCase() !== '.xlsx') throw new UsageError('le fichier --xlsx doit se terminer par .xlsx');
    const mapIndicator = options.map ?? DEFAULT_MAP_INDICATOR;
    if (!indicatorById.has(mapIndicator)) throw new UsageError(`indicateur inconnu « ${mapIndicator} » pour --map (voir docs/remontee-annuelle.md)`);
    for (const target of [docx, xlsx]) if (target) assertWritableTarget(target, null);

    const c = await consolidate(dir);
    await writeUserFile(docx, await buildSynthesis(mapSynthesis(c, { mapIndicator, producedOn: parisToday(new Date()) })));
    if (xlsx) await writeUserFile(xlsx, await consolidationWorkbook(c));
    out(`Consolidation ${c.year} (${c.region ? `région ${c.region.name}` : 'France entière'}) : ${c.returns.length} remontée${c.returns.length > 1 ? 's' : ''} retenue${c.returns.length > 1 ? 's' : ''}, ${c.setAside.length} fichier${c.setAside.length > 1 ? 's' : ''} écarté${c.setAside.length > 1 ? 's' : ''}, ${c.missing.length} département${c.missing.length > 1 ? 's' : ''} sans remontée.`);
    for (const line of c.duplicates) out(`  ${line}`);
    for (const s of c.setAside) out(`  Écarté : ${s.file} – ${s.reasons[0]}${s.reasons.length > 1 ? ` (et ${s.reasons.length - 1} autre${s.reasons.length > 2 ? 's' : ''})` : ''}`);
    out(`Synthèse écrite : ${docx}`);
    if (xlsx) out(`Classeur écrit : ${xlsx}`);
    return 0;
  },
};

export default command;
