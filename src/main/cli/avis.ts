import { extname, resolve } from 'node:path';
import { writeUserFile } from '../platform/files';
import { resolveMeetingId } from '../features/meetings/meetings';
import { latestExaminingMeeting } from '../features/parcours/examination';
import { renderReleve } from '../features/parcours/releve';
import { parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage avis --db FICHIER --session ID|latest --out FICHIER.docx

  --db FICHIER        fichier de la commission
  --session ID        identifiant de la séance, ou « latest » : la dernière séance qui a examiné des demandes
  --out FICHIER       relevé d’avis à écrire (Word, diffusion restreinte ; remplacé s’il existe)`,

  async run(args, out) {
    const options = parseOptions(args, { db: { type: 'string' }, session: { type: 'string' }, out: { type: 'string' } });
    const file = resolve(required(options.db, '--db'));
    const session = required(options.session, '--session');
    const target = resolve(required(options.out, '--out'));
    if (extname(target).toLowerCase() !== '.docx') throw new UsageError('le fichier --out doit se terminer par .docx');
    assertWritableTarget(target, file);
    await withCommissionFile(file, 'read', async ({ db }) => {
      const now = new Date();
      const id = session === 'latest' ? latestExaminingMeeting(db) : resolveMeetingId(db, session, now);
      const { bytes } = await renderReleve(db, file, id);
      await writeUserFile(target, bytes);
    });
    out(`Relevé d’avis écrit : ${target}`);
    return 0;
  },
};

export default command;
