import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { formatDate, plural } from '../../shared/format';
import type { CampaignSummary, ReturnFilePreview } from '../../shared/model/returns';
import { returnRequestStates } from '../../shared/labels';
import { campaignCreate } from '../../shared/schemas/returns';
import { parisToday } from '../../shared/wallclock';
import type { Db } from '../db/connection';
import { readCommission } from '../commission-file/commission';
import { acceptAll, type Decisions } from '../features/returns/apply';
import { createCampaign, getCampaign, listCampaigns } from '../features/returns/campaigns';
import { writeCampaignFiles } from '../features/returns/prepare';
import { applyReturns, previewReturns } from '../features/returns/session';
import { WORKBOOK_LIMITS } from '../spreadsheets/workbook-cells';
import { CliError, dateOption, parseOptions, required, UsageError, validate, type Command } from './command';
import { assertWritableTarget, withCommissionFile } from './commission-file';

const command: Command = {
  usage: `maillage returns prepare --db FICHIER --name "NOM" --deadline JJ/MM/AAAA --out DOSSIER [--eml]
                         [--from JJ/MM/AAAA] [--to JJ/MM/AAAA] [--reply-to COURRIEL] [--contributors]
       maillage returns import --db FICHIER --files CLASSEUR|DOSSIER… [--dry-run] [--accept all] [--campaign NOM]
       maillage returns status --db FICHIER [--json] [--campaign NOM]

  prepare   crée une campagne de remontées sur les fiches actions actives (à lancer, en cours, suspendues) et
            écrit dans DOSSIER un classeur par structure pilote (--contributors : aussi les structures
            contributrices) ; --eml écrit aussi, pour chacune, un brouillon de message (.eml) à ses contacts,
            classeur joint. La période couvre par défaut du 1er janvier de l’année de l’échéance à l’échéance ;
            la réponse va par défaut au courriel du secrétariat (Paramètres).
  import    vérifie les classeurs renvoyés (fichiers .xlsx, ou tous ceux d’un dossier) pour la dernière campagne
            (ou --campaign) et affiche, par structure et par fiche, ce qui changerait. Sans option, les
            structures sont notées comme ayant répondu et rien d’autre n’est écrit ; --accept all prend en
            compte chaque modification sans conflit (un classeur qui a des conflits reste à trancher dans
            Maillage) ; --dry-run n’écrit rien du tout.
  status    où en est la campagne (la dernière, ou --campaign) : structures interrogées, réponses reçues, prises
            en compte, taux de réponse, structures à relancer ; --json pour un traitement automatique
            (asked, answered, takenIn, rate…)`,

  async run(args, out) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'prepare') return prepare(rest, out);
    if (subcommand === 'import') return importReturns(rest, out);
    if (subcommand === 'status') return status(rest, out);
    throw new UsageError(subcommand ? `sous-commande inconnue « ${subcommand} » : prepare, import, status` : 'indiquez la sous-commande : prepare, import ou status');
  },
};

/** The campaign named (by its name or the start of its identifier), else the latest. */
function chooseCampaign(db: Db, name: string | undefined): CampaignSummary {
  const campaigns = listCampaigns(db);
  if (campaigns.length === 0) throw new CliError('cette commission n’a encore aucune campagne de remontées : préparez-en une avec « maillage returns prepare »');
  if (name === undefined) return campaigns[0]!;
  const found = campaigns.filter((c) => c.name === name || c.id.startsWith(name));
  if (found.length !== 1) throw new CliError(`${found.length === 0 ? 'aucune campagne ne s’appelle' : 'plusieurs campagnes répondent à'} « ${name} » ; campagnes : ${campaigns.map((c) => `« ${c.name} »`).join(', ')}`);
  return found[0]!;
}

async function prepare(args: string[], out: (line: string) => void): Promise<number> {
  const options = parseOptions(args, {
    db: { type: 'string' },
    name: { type: 'string' },
    deadline: { type: 'string' },
    out: { type: 'string' },
    eml: { type: 'boolean', default: false },
    from: { type: 'string' },
    to: { type: 'string' },
    'reply-to': { type: 'string' },
    contributors: { type: 'boolean', default: false },
  });
  const file = resolve(required(options.db, '--db'));
  const name = required(options.name, '--name');
  const deadline = dateOption(required(options.deadline, '--deadline'), '--deadline');
  const folder = resolve(required(options.out, '--out'));
  assertWritableTarget(folder, file);
  return withCommissionFile(file, 'write', async ({ db }) => {
    const commission = readCommission(db, file);
    const replyTo = options['reply-to'] ?? /[^\s<>()"';,]+@[^\s<>()"';,]+\.[a-z]{2,}/i.exec(commission.secretariatContact ?? '')?.[0] ?? null;
    const input = validate(
      campaignCreate,
      { name, deadlineOn: deadline, periodFrom: options.from === undefined ? `${deadline.slice(0, 4)}-01-01` : dateOption(options.from, '--from'), periodTo: options.to === undefined ? deadline : dateOption(options.to, '--to'), replyTo, includeContributors: options.contributors },
      { name: '--name', deadlineOn: '--deadline', periodFrom: '--from', periodTo: '--to', replyTo: '--reply-to' },
    );
    const now = new Date();
    const id = createCampaign(db, input, now);
    const prepared = await writeCampaignFiles(db, file, id, { folder, sending: 'envoi', eml: options.eml }, now);
    const detail = getCampaign(db, id, folder, parisToday(now));
    out(`Campagne « ${detail.name} » (du ${formatDate(detail.periodFrom)} au ${formatDate(detail.periodTo)}, réponses avant le ${formatDate(detail.deadlineOn)}) :`);
    out(`${plural(detail.asked, 'structure interrogée', 'structures interrogées')} sur ${plural(detail.fiches, 'fiche action', 'fiches actions')}.`);
    if (detail.fichesWithoutPilot > 0) out(`${plural(detail.fichesWithoutPilot, 'fiche n’a', 'fiches n’ont')} pas de structure pilote : personne n’est interrogé à leur sujet.`);
    out(`${plural(prepared.workbooks, 'classeur écrit', 'classeurs écrits')}${options.eml ? `, ${plural(prepared.messages, 'brouillon de message', 'brouillons de message')}` : ''} : ${folder}`);
    if (prepared.withoutRecipient.length > 0) out(`Sans adresse électronique (message sans destinataire) : ${prepared.withoutRecipient.join(', ')}.`);
    return 0;
  });
}

/** The values following --files, up to the next option: `--files a.xlsx b.xlsx dossier/`. */
function splitFiles(args: string[]): { files: string[]; rest: string[] } {
  const at = args.indexOf('--files');
  if (at < 0) return { files: [], rest: args };
  let end = at + 1;
  while (end < args.length && !args[end]!.startsWith('--')) end++;
  return { files: args.slice(at + 1, end), rest: [...args.slice(0, at), ...args.slice(end)] };
}

/** The workbooks given: files as they are, folders for the .xlsx they hold (not their sub-folders). */
function workbookPaths(given: string[]): string[] {
  return given.flatMap((path) => {
    const full = resolve(path);
    if (!existsSync(full)) throw new CliError(`fichier ou dossier introuvable : ${full}`);
    if (!statSync(full).isDirectory()) return [full];
    const inside = readdirSync(full)
      .filter((f) => extname(f).toLowerCase() === '.xlsx' && !f.startsWith('~$') && !f.startsWith('.'))
      .sort()
      .map((f) => join(full, f));
    if (inside.length === 0) throw new CliError(`le dossier ${full} ne contient aucun classeur .xlsx`);
    return inside;
  });
}

function printPreview(file: ReturnFilePreview, out: (line: string) => void): void {
  const head = `${file.fileName}${file.structure ? ` – ${file.structure}` : ''}`;
  if (file.outcome === 'refused') {
    out(`${head} : refusé. ${file.reason}`);
    return;
  }
  const lines = file.fiches.reduce((n, f) => n + f.lines.length, 0);
  out(`${head} : ${file.outcome === 'already' ? file.reason : plural(lines, 'modification', 'modifications')}`);
  if (file.outcome === 'already') return;
  for (const fiche of file.fiches) {
    out(`  ${fiche.code ? `${fiche.code} ` : ''}${fiche.title}`);
    for (const line of fiche.lines) {
      const note = line.note ? ` (${line.note})` : '';
      if (line.conflict) out(`    CONFLIT ${line.label} : « ${line.conflict.whenMade ?? '—'} » à l’envoi, « ${line.before ?? '—'} » dans Maillage, « ${line.after} » selon la structure${note}`);
      else out(`    ${line.label} : ${line.before === null ? '' : `${line.before} → `}${line.after}${note}`);
    }
  }
  for (const p of file.problems) out(`  Valeur non prise (feuille « ${p.sheet} », ligne ${p.row}, colonne ${p.column}) : ${p.message}`);
  for (const w of file.warnings) out(`  Attention : ${w}`);
}

async function importReturns(args: string[], out: (line: string) => void): Promise<number> {
  const { files: given, rest } = splitFiles(args);
  const options = parseOptions(rest, { db: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, accept: { type: 'string' }, campaign: { type: 'string' } });
  const file = resolve(required(options.db, '--db'));
  if (given.length === 0) throw new UsageError('l’option --files est obligatoire : un ou plusieurs classeurs .xlsx, ou un dossier');
  if (options.accept !== undefined && options.accept !== 'all') throw new UsageError(`--accept attend all, pas « ${options.accept} »`);
  if (options.accept && options['dry-run']) throw new UsageError('--dry-run et --accept all ne vont pas ensemble');
  const paths = workbookPaths(given);
  return withCommissionFile(file, options['dry-run'] ? 'read' : 'write', async ({ db }) => {
    const campaign = chooseCampaign(db, options.campaign);
    const files = paths.map((path) => {
      // The size before reading: a file of gigabytes is never loaded.
      if (statSync(path).size > WORKBOOK_LIMITS.fileBytes) return { name: basename(path), bytes: Buffer.alloc(WORKBOOK_LIMITS.fileBytes + 1) };
      return { name: basename(path), bytes: readFileSync(path) };
    });
    const now = new Date();
    out(`Campagne « ${campaign.name} » : ${plural(files.length, 'classeur', 'classeurs')} à vérifier.`);
    const { preview, files: previewed } = await previewReturns(db, campaign.id, files, now, options['dry-run']);
    preview.files.forEach((f) => printPreview(f, out));
    const refused = preview.files.filter((f) => f.outcome === 'refused').length;
    if (options['dry-run']) {
      out('Simulation (--dry-run) : rien n’a été écrit.');
    } else if (!options.accept) {
      out('Les réponses sont notées ; aucune modification n’a été prise en compte : ajoutez --accept all pour prendre celles qui n’ont pas de conflit, ou choisissez ligne par ligne dans Maillage (Mesures › Remontées).');
    } else {
      const decisions = new Map<string, Decisions>(previewed.flatMap((p) => (p.read.ok ? [[p.key, acceptAll(db, p.read)] as const] : [])));
      const report = applyReturns(db, previewed, decisions, now);
      for (const r of report.files) {
        if (r.outcome === 'taken') out(`${r.fileName} : pris en compte (${plural(r.journalEntries, 'entrée de journal', 'entrées de journal')}, ${plural(r.indicatorValues, 'valeur d’indicateur', 'valeurs d’indicateurs')}).`);
        else out(`${r.fileName} : ${r.outcome === 'unchanged' ? 'rien de changé' : 'non pris en compte'}. ${r.reason ?? ''}`.trim());
      }
      const notTaken = refused + report.files.filter((r) => r.outcome === 'refused').length;
      const others = preview.files.length > notTaken ? ' ; les autres l’ont été' : '';
      if (notTaken > 0) throw new CliError(`${plural(notTaken, 'classeur n’a pas été pris en compte', 'classeurs n’ont pas été pris en compte')} (refusé, ou conflits à trancher dans Maillage)${others}`);
      return 0;
    }
    if (refused > 0) throw new CliError(`${plural(refused, 'classeur est refusé', 'classeurs sont refusés')} (raison ci-dessus)`);
    return 0;
  });
}

async function status(args: string[], out: (line: string) => void): Promise<number> {
  const options = parseOptions(args, { db: { type: 'string' }, json: { type: 'boolean', default: false }, campaign: { type: 'string' } });
  const file = resolve(required(options.db, '--db'));
  return withCommissionFile(file, 'read', async ({ db }) => {
    const detail = getCampaign(db, chooseCampaign(db, options.campaign).id, null, parisToday(new Date()));
    const toRemind = detail.requests.filter((r) => r.answeredOn === null);
    if (options.json) {
      const json = {
        campaign: detail.name,
        periodFrom: detail.periodFrom,
        periodTo: detail.periodTo,
        deadline: detail.deadlineOn,
        asked: detail.asked,
        answered: detail.answered,
        takenIn: detail.takenIn,
        rate: detail.rate,
        toRemind: toRemind.map((r) => r.partnerName),
        structures: detail.requests.map((r) => ({
          name: r.partnerName,
          state: r.state,
          sentOn: r.sentOn,
          remindedOn: r.remindedOn,
          reminders: r.reminders,
          answeredOn: r.answeredOn,
          takenInOn: r.takenInOn,
        })),
      };
      out(JSON.stringify(json, null, 2));
      return 0;
    }
    out(`Campagne « ${detail.name} » – réponses attendues avant le ${formatDate(detail.deadlineOn)}${detail.deadlineOn < parisToday(new Date()) ? ' (échéance passée)' : ''}`);
    out(`${plural(detail.answered, 'structure a répondu', 'structures ont répondu')} sur ${detail.asked} (${detail.rate === null ? '—' : `${Math.round(detail.rate * 100)} %`}), ${plural(detail.takenIn, 'réponse prise', 'réponses prises')} en compte.`);
    for (const r of detail.requests) {
      const dates = [r.sentOn && `envoyé le ${formatDate(r.sentOn)}`, r.remindedOn && `relancé le ${formatDate(r.remindedOn)}`, r.answeredOn && `réponse le ${formatDate(r.answeredOn)}`, r.takenInOn && `pris en compte le ${formatDate(r.takenInOn)}`].filter(Boolean);
      out(`  ${r.partnerName} : ${returnRequestStates.labels[r.state].toLowerCase()}${dates.length ? ` (${dates.join(', ')})` : ''}`);
    }
    out(toRemind.length ? `À relancer : ${toRemind.map((r) => r.partnerName).join(', ')}.` : 'Toutes les structures ont répondu.');
    return 0;
  });
}

export default command;
