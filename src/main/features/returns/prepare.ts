/**
 * Writes a campaign's workbooks and their messages into a folder: the first sending to every
 * structure asked, or a reminder, with a fresh workbook, to those that have not answered. Files
 * are written first; the requests are marked sent (or reminded) once every file is there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/errors';
import { formatDate, plural } from '../../../shared/format';
import type { PreparedFiles } from '../../../shared/model/returns';
import { parisToday } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { filesDir, readCommission } from '../../commission-file/commission';
import { writeUserFile } from '../../platform/files';
import { campaignRow, recipients, type RequestRow } from './campaigns';
import { emlDraft, fileSlug } from './email';
import { requestWorkbook, type WorkbookContent } from './workbook';
import { sortFrench } from '../../../shared/search';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Sending = 'envoi' | 'relance';

/** Where the app writes a campaign's files: among the commission's attached files. */
export function campaignFolder(dbPath: string, campaign: { id: string; name: string }): string {
  return join(filesDir(dbPath), 'remontees', `${fileSlug(campaign.name)} (${campaign.id.slice(0, 8)})`);
}

/**
 * The folder of the reminders sent on `day`, inside the campaign's: « 2026-12-07 Relances ». The date comes first,
 * year-month-day, as the French archives' rules for naming files advise: a file explorer then lists the reminders in
 * the order they were sent (« Relances 07-12-2026 » would list 07-04 before 20-03), together, apart from the workbooks.
 */
export function reminderFolderName(day: string): string {
  return `${day} Relances`;
}

/** The requests a sending concerns: all of them, or for a reminder those without an answer (or those chosen). */
function requestsFor(db: Db, campaignId: string, sending: Sending, ids: string[] | undefined): RequestRow[] {
  const all = sortFrench(db.prepare('SELECT * FROM return_requests WHERE campaign_id = ?').all(campaignId) as RequestRow[], (r) => [r.partner_name]);
  const chosen = ids ? all.filter((r) => ids.includes(r.id)) : all;
  return sending === 'envoi' ? chosen : chosen.filter((r) => r.answered_on === null);
}

export async function writeCampaignFiles(
  db: Db,
  dbPath: string,
  campaignId: string,
  options: { folder: string; sending: Sending; eml: boolean; requestIds?: string[] },
  now: Date,
): Promise<PreparedFiles> {
  const campaign = campaignRow(db, campaignId);
  const requests = requestsFor(db, campaignId, options.sending, options.requestIds);
  if (requests.length === 0) throw new ApiError('validation', 'Toutes les structures de cette campagne ont répondu : personne à relancer.');
  const commission = readCommission(db, dbPath);
  const today = parisToday(now);
  mkdirSync(options.folder, { recursive: true });
  const used = new Set<string>();
  const withoutRecipient: string[] = [];
  let messages = 0;
  for (const request of requests) {
    const { bytes, content } = await requestWorkbook(db, dbPath, request.id, now);
    const base = uniqueName(`${options.sending === 'relance' ? 'Relance - ' : ''}Remontee - ${fileSlug(request.partner_name)}`, used);
    await writeUserFile(join(options.folder, `${base}.xlsx`), bytes);
    if (!options.eml) continue;
    const to = recipients(db, request.partner_id, today);
    if (to.length === 0) withoutRecipient.push(request.partner_name);
    const from = campaign.replyTo ? { name: commission.secretaryName ?? '', email: campaign.replyTo } : null;
    const draft = emlDraft({
      from,
      to,
      subject: `${options.sending === 'relance' ? 'Relance : ' : ''}${campaign.name} – point d’avancement à renvoyer avant le ${formatDate(campaign.deadlineOn)}`,
      text: messageText(content, options.sending, commission.secretaryName),
      attachment: { fileName: `${base}.xlsx`, contentType: XLSX_TYPE, bytes },
      date: now,
    });
    await writeUserFile(join(options.folder, `${base}.eml`), draft);
    messages++;
  }
  db.transaction(() => {
    const mark =
      options.sending === 'envoi'
        ? db.prepare('UPDATE return_requests SET sent_on = coalesce(sent_on, ?) WHERE id = ?')
        : db.prepare('UPDATE return_requests SET reminded_on = ?, reminders = reminders + 1 WHERE id = ?');
    for (const request of requests) mark.run(today, request.id);
  })();
  return { folder: options.folder, workbooks: requests.length, messages, withoutRecipient };
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

/** The message's text, in French, short: what is attached, what to do, by when, and the privacy rule. */
export function messageText(content: WorkbookContent, sending: Sending, secretary: string | null): string {
  const { campaign } = content;
  const fiches = plural(content.fiches.length, 'fiche action', 'fiches actions');
  const opening =
    sending === 'relance'
      ? `Sauf erreur de notre part, nous n’avons pas encore reçu le point d’avancement de ${content.structure} pour « ${campaign.name} ». Vous trouverez ci-joint le classeur à jour (${fiches}).`
      : `En vue de « ${campaign.name} », la commission fait le point sur les fiches actions que votre structure pilote ou auxquelles elle contribue. Vous trouverez ci-joint le classeur préparé pour ${content.structure} (${fiches}).`;
  return [
    'Madame, Monsieur,',
    '',
    opening,
    '',
    `Merci de remplir les cellules jaunes (statut, météo, avancement, nouvelles, valeurs des indicateurs) et de nous renvoyer le classeur en réponse à ce message avant le ${formatDate(campaign.deadlineOn)}. Il s’ouvre avec Excel, LibreOffice ou un tableur en ligne ; la première feuille explique comment le remplir.`,
    '',
    'N’y inscrivez aucune donnée personnelle sur les victimes ni sur les mineurs : ni nom, ni date de naissance, ni détail permettant de les reconnaître.',
    '',
    'Bien cordialement,',
    '',
    ...(secretary ? [secretary] : []),
    content.commission,
    '',
  ].join('\n');
}
