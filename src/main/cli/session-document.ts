import { basename, extname, resolve } from 'node:path';
import type { MeetingDocumentKind } from '../../shared/schemas/meetings';
import { writeUserFile } from '../platform/files';
import { renderMeetingDocument } from '../features/meetings/documents';
import { resolveMeetingId } from '../features/meetings/meetings';
import { parseOptions, required, UsageError, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

/**
 * The commands that write one document of a session (minutes, convocation, attendance-sheet, ics):
 * the same bytes as the app's « Documents » buttons.
 */
export function sessionDocumentCommand(spec: {
  name: string;
  what: string;
  kind: MeetingDocumentKind;
  /** Another form of the same document, chosen by a flag (« --short »: the relevé; « --lettres »: one letter per member). */
  variant?: { flag: 'short' | 'lettres'; help: string; kind: MeetingDocumentKind };
}): Command {
  const variant = spec.variant;
  const extension = spec.kind === 'ics' ? '.ics' : '.docx';
  return {
    usage: `maillage ${spec.name} --db FICHIER --session ID|latest --out FICHIER${extension}${variant ? ` [--${variant.flag}]` : ''}

  --db FICHIER        fichier de la commission
  --session ID        identifiant de la séance, ou « latest » : la dernière séance tenue (à défaut, la prochaine)
  --out FICHIER       ${spec.what} à écrire (remplacé s’il existe)${variant ? `\n  --${variant.flag.padEnd(17)}${variant.help}` : ''}`,

    async run(args, out) {
      const options = parseOptions(args, { db: { type: 'string' }, session: { type: 'string' }, out: { type: 'string' }, ...(variant ? { [variant.flag]: { type: 'boolean' as const } } : {}) });
      const file = resolve(required(options.db, '--db'));
      const session = required(options.session, '--session');
      const target = resolve(required(options.out, '--out'));
      if (extname(target).toLowerCase() !== extension) throw new UsageError(`le fichier --out doit se terminer par ${extension}`);
      assertWritableTarget(target, file);
      const kind = variant && (options as Record<string, unknown>)[variant.flag] === true ? variant.kind : spec.kind;

      await withCommissionFile(file, 'read', async ({ db }) => {
        const now = new Date();
        const id = resolveMeetingId(db, session, now);
        const { bytes, warning } = await renderMeetingDocument(db, file, id, kind, now);
        await writeUserFile(target, bytes);
        if (warning) out(warning);
      });
      out(`Document écrit : ${target} (${basename(target)})`);
      return 0;
    },
  };
}
