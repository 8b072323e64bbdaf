import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionStatuses, meteoText } from '../../src/shared/labels';
import type { CampaignDetail, ReturnFilePreview } from '../../src/shared/model/returns';
import { fileSlug } from '../../src/main/features/returns/email';
import { createTestRouter, type TestRouter } from '../helpers/router';
import { FICHE_COLUMNS, INDICATOR_COLUMNS, base64Of, craftZip, dataRows, fillWorkbook, resaveWithLibreOffice } from '../helpers/returns';

let t: TestRouter;
let campaign: CampaignDetail;
let folder: string;
const db = () => t.session.require().db;

beforeAll(async () => {
  t = createTestRouter({ now: '2026-03-05T10:00:00.000Z' });
  await t.call('app.openDemo');
  campaign = await t.call('returns.create', {
    name: 'Point d’étape avant la plénière de juin',
    periodFrom: '2026-01-01',
    periodTo: '2026-06-30',
    deadlineOn: '2026-03-31',
    replyTo: 'ddfe@gironde.gouv.fr',
  });
  const prepared = await t.call('returns.prepare', { id: campaign.id });
  folder = prepared.folder;
}, 120_000);
afterAll(() => t.cleanup());

/** The workbook prepared for this structure. */
function workbookOf(name: string): string {
  const file = readdirSync(folder).find((f) => f === `Remontee - ${fileSlug(name)}.xlsx`);
  if (!file) throw new Error(`no workbook for ${name}`);
  return join(folder, file);
}

/** A request with at least one fiche and one indicator, as the tests need. */
function structureWithIndicators(): { name: string; partnerId: string } {
  const row = db()
    .prepare(
      `SELECT r.partner_name AS name, r.partner_id AS partnerId FROM return_requests r
       WHERE r.campaign_id = ? AND EXISTS (SELECT 1 FROM return_request_actions ra JOIN indicators i ON i.action_id = ra.action_id WHERE ra.request_id = r.id)
       ORDER BY r.partner_name LIMIT 1`,
    )
    .get(campaign.id) as { name: string; partnerId: string };
  return row;
}

async function preview(...paths: string[]): Promise<{ token: string; files: ReturnFilePreview[] }> {
  return t.call('returns.preview', { campaignId: campaign.id, files: paths.map(base64Of) });
}

const work = (name: string) => {
  const dir = join(t.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe('a campaign of returns', () => {
  it('asks each pilot structure about its active fiches and writes one workbook and one draft per structure', async () => {
    const detail = await t.call('returns.get', { id: campaign.id });
    expect(detail.asked).toBeGreaterThan(3);
    expect(detail.requests.every((r) => r.state === 'envoye' && r.sentOn === '2026-03-05')).toBe(true);
    const files = readdirSync(folder);
    expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(detail.asked);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(detail.asked);
    expect(detail.rate).toBe(0);
    expect(detail.toRemind).toBe(detail.asked);
  });

  it('opens on a sheet saying in French what is asked, by when, to whom, and that nothing personal may be written', async () => {
    const { name } = structureWithIndicators();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbookOf(name));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['À lire', 'visible'],
      ['Fiches actions', 'visible'],
      ['Indicateurs', 'visible'],
      // Hidden so that no menu shows it (LibreOffice, saving it again, writes it « hidden »).
      ['maillage', 'veryHidden'],
    ]);
    const text = wb.worksheets[0]!.getColumn(1).values.filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain(`Ce classeur a été préparé pour ${name}.`);
    expect(text).toContain('pour la période du 01/01/2026 au 30/06/2026. Merci de le remplir et de le renvoyer à ddfe@gironde.gouv.fr avant le 31/03/2026.');
    expect(text).toContain('Aucune donnée personnelle sur les victimes ni sur les mineurs');
    expect(text).toContain('Ne remplissez que les cellules jaunes.');
  });

  it('asks about the fiches of the statuses and frameworks chosen, and their contributors when asked to', async () => {
    /** The structures asked and the part each plays in each fiche, as Maillage holds them. */
    const asked = (id: string) =>
      db()
        .prepare('SELECT r.partner_id || \' \' || ra.action_id || \' \' || ra.role FROM return_requests r JOIN return_request_actions ra ON ra.request_id = r.id WHERE r.campaign_id = ? ORDER BY 1')
        .pluck()
        .all(id);
    const period = { periodFrom: '2026-01-01', periodTo: '2026-06-30', deadlineOn: '2026-03-31', replyTo: null };
    const started = await t.call('returns.create', { ...period, name: 'En cours, avec les contributrices', statuses: ['en_cours'], includeContributors: true });
    const inProgress = db().prepare("SELECT id, pilot_partner_id AS pilot FROM actions WHERE status = 'en_cours'").all() as { id: string; pilot: string | null }[];
    const expected = new Map<string, string>();
    for (const a of inProgress) {
      for (const partner of db().prepare('SELECT partner_id FROM action_partners WHERE action_id = ?').pluck().all(a.id) as string[]) expected.set(`${partner} ${a.id}`, 'contributeur');
      if (a.pilot) expected.set(`${a.pilot} ${a.id}`, 'pilote');
    }
    expect([...expected].some(([, role]) => role === 'contributeur')).toBe(true);
    expect(asked(started.id)).toEqual([...expected].map(([key, role]) => `${key} ${role}`).sort());
    expect(started.requests.some((r) => r.roles.includes('contributeur'))).toBe(true);

    // The framework with the fewest fiches asked about.
    const framework = db().prepare('SELECT f.code FROM frameworks f JOIN catalogue_nodes n ON n.framework_id = f.id JOIN action_measures am ON am.node_id = n.id JOIN actions a ON a.id = am.action_id WHERE a.status IN (\'a_lancer\', \'en_cours\', \'suspendue\') AND a.pilot_partner_id IS NOT NULL GROUP BY f.code ORDER BY count(DISTINCT a.id) LIMIT 1').pluck().get() as string;
    const framed = await t.call('returns.create', { ...period, name: 'Un cadre', frameworkCodes: [framework] });
    const inFramework = db()
      .prepare(
        `SELECT DISTINCT a.pilot_partner_id || ' ' || a.id || ' pilote' FROM actions a JOIN action_measures am ON am.action_id = a.id JOIN catalogue_nodes n ON n.id = am.node_id JOIN frameworks f ON f.id = n.framework_id
         WHERE f.code = ? AND a.status IN ('a_lancer', 'en_cours', 'suspendue') AND a.pilot_partner_id IS NOT NULL ORDER BY 1`,
      )
      .pluck()
      .all(framework);
    expect(asked(framed.id)).toEqual(inFramework);
    expect(framed.fiches).toBeLessThan(campaign.fiches);

    expect(await t.callError('returns.create', { ...period, name: 'Rien', statuses: ['abandonnee'], frameworkCodes: ['inconnu'] })).toMatchObject({ message: 'Aucune fiche action ne correspond à ces critères : rien à demander.' });
    for (const id of [started.id, framed.id]) await t.call('returns.delete', { id });
  });

  it('writes to the contacts named to receive returns, else to the structure’s members, else to anyone with an e-mail', async () => {
    const request = (await t.call('returns.get', { id: campaign.id })).requests.find((r) => r.partnerId !== null)!;
    const partner = await t.call('partners.get', { id: request.partnerId! });
    const withEmail = partner.contacts.filter((c) => c.email);
    const members = withEmail.filter((c) => c.isMember).map((c) => c.email);
    expect(request.recipients).toEqual(members.length ? members : withEmail.map((c) => c.email));
    const chosen = withEmail.at(-1)!;
    const { id, partnerId: _partnerId, createdAt: _c, updatedAt: _u, membership: _m, ...fields } = chosen;
    await t.call('contacts.update', { ...fields, id, receivesReturns: true });
    expect((await t.call('returns.get', { id: campaign.id })).requests.find((r) => r.id === request.id)!.recipients).toEqual([chosen.email]);
  });
});

describe('a workbook filled by a partner and saved again by LibreOffice', () => {
  it('is previewed line by line, then taken in: fiche, indicators, journal and history say so, attributed to the structure', async () => {
    const { name } = structureWithIndicators();
    const source = workbookOf(name);
    let indicatorName = '';
    const filled = await fillWorkbook(
      source,
      (wb) => {
        const fiches = wb.getWorksheet('Fiches actions')!;
        const { row, code } = dataRows(fiches)[0]!;
        const meteo = db().prepare('SELECT meteo FROM actions WHERE code = ?').pluck().get(code);
        fiches.getCell(row, FICHE_COLUMNS.status).value = 'Réalisée';
        fiches.getCell(row, FICHE_COLUMNS.meteo).value = meteo === 'orage' ? 'Nuage (appuis nécessaires)' : 'Orage (objectifs compromis)';
        fiches.getCell(row, FICHE_COLUMNS.progress).value = 100;
        fiches.getCell(row, FICHE_COLUMNS.done).value = 'Trois sessions de formation tenues ; 42 professionnels formés.';
        fiches.getCell(row, FICHE_COLUMNS.next).value = 'Bilan avec l’ARS en avril.';
        const indicators = wb.getWorksheet('Indicateurs')!;
        const { row: irow, name: iname } = dataRows(indicators)[0]!;
        indicatorName = iname;
        indicators.getCell(irow, INDICATOR_COLUMNS.value).value = 42;
        indicators.getCell(irow, INDICATOR_COLUMNS.on).value = new Date(Date.UTC(2026, 1, 28));
        indicators.getCell(irow, INDICATOR_COLUMNS.note).value = 'Compté sur les feuilles d’émargement.';
      },
      join(work('filled'), 'rempli.xlsx'),
    );
    const resaved = await resaveWithLibreOffice(filled, work('libreoffice'));
    // What LibreOffice kept: the drop-down lists in the app's words, the colours, the widths, the protection, the hidden stamp.
    const kept = new ExcelJS.Workbook();
    await kept.xlsx.readFile(resaved);
    const keptFiches = kept.getWorksheet('Fiches actions')!;
    expect(keptFiches.getCell('H4').dataValidation).toMatchObject({ type: 'list', formulae: ['"À lancer,En cours,Réalisée,Suspendue,Abandonnée"', expect.anything()] });
    expect(keptFiches.getCell('I4').dataValidation.formulae[0]).toContain('Orage (objectifs compromis)');
    expect(keptFiches.getCell('J4').dataValidation).toMatchObject({ type: 'whole', operator: 'between' });
    expect(keptFiches.getCell('H4').fill).toMatchObject({ fgColor: { argb: 'FFFFF6D5' } });
    expect(keptFiches.getColumn(2).width).toBe(42);
    expect(kept.getWorksheet('Indicateurs')!.getCell('J4').dataValidation).toMatchObject({ type: 'date' });
    expect(kept.getWorksheet('maillage')!.state).toBe('hidden');
    const keptXml = await JSZip.loadAsync(readFileSync(resaved));
    for (const sheet of Object.keys(keptXml.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      expect(await keptXml.file(sheet)!.async('string'), sheet).toContain('<sheetProtection sheet="true"');
    }

    const { token, files } = await preview(resaved);
    const [file] = files;
    expect(file).toMatchObject({ outcome: 'ready', structure: name, problems: [] });
    // Exactly what was written, and nothing else: the fiche's row, then the indicator's.
    const ficheId = file!.fiches.find((f) => f.lines.some((l) => l.kind === 'status'))!.actionId;
    const was = await t.call('actions.get', { id: ficheId });
    const indicatorId = db().prepare('SELECT id FROM indicators WHERE name = ? AND action_id IN (SELECT action_id FROM return_request_actions WHERE request_id = (SELECT id FROM return_requests WHERE campaign_id = ? AND partner_name = ?))').pluck().get(indicatorName, campaign.id, name) as string;
    const lines = file!.fiches.flatMap((f) => f.lines);
    const meteoLine = lines.find((l) => l.kind === 'meteo')!;
    expect(['Nuage (appuis nécessaires)', 'Orage (objectifs compromis)']).toContain(meteoLine.after);
    expect(lines.map((l) => [l.id, l.before, l.after, l.conflict])).toEqual([
      [`${ficheId}:status`, actionStatuses.labels[was.status], 'Réalisée', null],
      [`${ficheId}:meteo`, was.meteo ? meteoText(was.meteo) : 'Non renseignée', meteoLine.after, null],
      [`${ficheId}:progress`, `${was.progress} %`, '100 %', null],
      [`${ficheId}:done`, null, 'Trois sessions de formation tenues ; 42 professionnels formés.', null],
      [`${ficheId}:next`, null, 'Bilan avec l’ARS en avril.', null],
      [`${indicatorId}:indicator`, expect.any(String), expect.stringMatching(/^42( .+)? au 28\/02\/2026 \(Compté sur les feuilles d’émargement\.\)$/), null],
    ]);
    // Previewing records the answer, not the changes.
    expect((await t.call('actions.get', { id: ficheId })).status).not.toBe('realisee');
    expect((await t.call('returns.get', { id: campaign.id })).answered).toBe(1);

    const report = await t.call('returns.apply', { token, files: [{ key: file!.key, accepted: lines.map((l) => l.id) }] });
    expect(report.files[0]).toMatchObject({ outcome: 'taken', indicatorValues: 1 });
    const fiche = await t.call('actions.get', { id: ficheId });
    expect(fiche).toMatchObject({ status: 'realisee', meteo: meteoLine.after.startsWith('Orage') ? 'orage' : 'nuage', progress: 100 });
    expect(fiche.journal[0]!.text).toBe(`Remontée de ${name} du 05/03/2026\nCe qui a été fait : Trois sessions de formation tenues ; 42 professionnels formés.\nProchaines étapes : Bilan avec l’ARS en avril.`);
    const value = fiche.indicators.flatMap((i) => i.values).find((v) => v.measuredOn === '2026-02-28' && v.value === 42);
    expect(value?.note).toBe(`Remontée de ${name} du 05/03/2026 : Compté sur les feuilles d’émargement.`);
    // The fiche's history: its journal entry « Remontée de » the structure, and the status it changed.
    const history = await t.call('history.forRecord', { entity: 'action', id: ficheId });
    const entry = history.find((h) => h.entity === 'journal_entry' && h.op === 'create')!;
    expect(entry.changes).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Remontée de', after: name })]));
    const update = history.find((h) => h.entity === 'action' && h.op === 'update')!;
    expect(update.changes).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Statut', before: actionStatuses.labels[was.status], after: 'Réalisée', changed: true })]));
    expect(update.changes).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Avancement (%)', after: '100', changed: true })]));
    const valueLogged = db().prepare("SELECT json_extract(after, '$.note') FROM change_log WHERE entity = 'indicator_value' AND entity_id = ? AND op = 'create'").pluck().get(value!.id);
    expect(valueLogged).toBe(value!.note);
    const status = await t.call('returns.get', { id: campaign.id });
    expect(status.requests.find((r) => r.partnerName === name)).toMatchObject({ state: 'pris_en_compte', answeredOn: '2026-03-05', takenInOn: '2026-03-05' });
    expect(status).toMatchObject({ answered: 1, takenIn: 1 });

    // The same file again changes nothing and says so.
    const again = await preview(resaved);
    expect(again.files[0]).toMatchObject({ outcome: 'already' });
    expect(again.files[0]!.reason).toContain('déjà été pris en compte le 05/03/2026');
    const entries = db().prepare('SELECT count(*) FROM journal_entries').pluck().get();
    const secondReport = await t.call('returns.apply', { token: again.token, files: [{ key: 'f1', accepted: [] }] });
    expect(secondReport.files[0]).toMatchObject({ outcome: 'unchanged' });
    expect(db().prepare('SELECT count(*) FROM journal_entries').pluck().get()).toBe(entries);
  }, 180_000);
});

/** A copy of the workbook of a structure (by default the first with indicators), filled by `fill`. */
async function filledCopy(dir: string, fill: (wb: ExcelJS.Workbook) => void, structure = structureWithIndicators().name): Promise<string> {
  return fillWorkbook(workbookOf(structure), fill, join(work(dir), `${fileSlug(structure)}.xlsx`));
}

/** The structure asked at this rank (in name order), so that each test fills another one's workbook. */
function otherStructure(offset: number): { name: string } {
  return db().prepare('SELECT partner_name AS name FROM return_requests WHERE campaign_id = ? ORDER BY partner_name LIMIT 1 OFFSET ?').get(campaign.id, offset) as { name: string };
}

describe('the bilan', () => {
  it('quotes the rate of answers of the campaign covering its period and the day of each fiche’s last return', async () => {
    const target = join(work('bilan'), 'bilan.docx');
    t.os.queueSaveFile(target);
    await t.call('reports.generate', { from: '2026-01-01', to: '2026-06-30' });
    const zip = await JSZip.loadAsync(readFileSync(target));
    // French typography puts no-break spaces inside « » and before %: compared as plain spaces.
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '').replace(/[\u00a0\u202f]/g, ' ');
    const status = await t.call('returns.get', { id: campaign.id });
    expect(text).toContain(`${status.answered} structure a répondu à la campagne de remontées « Point d’étape avant la plénière de juin » sur ${status.asked} interrogées`);
    expect(text).toContain('Dernière remontée : 05/03/2026');
    // A bilan of a period no campaign covers says nothing of returns.
    const before = join(work('bilan-2025'), 'bilan.docx');
    t.os.queueSaveFile(before);
    await t.call('reports.generate', { from: '2025-01-01', to: '2025-12-31' });
    const old = (await (await JSZip.loadAsync(readFileSync(before))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(old).not.toContain('campagne de remontées');
    expect(old).not.toContain('Dernière remontée');
  }, 120_000);
});

describe('reminders', () => {
  it('writes a fresh workbook and a « Relance » draft for each structure without an answer, and notes the day', async () => {
    const before = await t.call('returns.get', { id: campaign.id });
    const answered = before.requests.filter((r) => r.answeredOn !== null).map((r) => r.partnerName);
    expect(answered).toHaveLength(1);
    t.clock.set('2026-03-20T09:00:00.000Z');
    try {
      const reminded = await t.call('returns.remind', { id: campaign.id });
      expect(reminded).toMatchObject({ workbooks: before.asked - 1, messages: before.asked - 1 });
      expect(reminded.folder).toBe(join(folder, '2026-03-20 Relances'));
      const files = readdirSync(reminded.folder);
      expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(before.asked - 1);
      expect(files.every((f) => f.startsWith('Relance - Remontee - '))).toBe(true);
      expect(files).not.toContain(`Relance - Remontee - ${fileSlug(answered[0]!)}.xlsx`);

      const eml = readFileSync(join(reminded.folder, files.find((f) => f.endsWith('.eml'))!), 'utf8');
      expect(eml).toMatch(/^X-Unsent: 1\r\n/);
      // The subject as a mail program reads it: unfolded, each encoded word decoded.
      const subject = /\r\nSubject: ((?:.|\r\n )*)/.exec(eml)![1]!.replace(/\r\n /g, '').replace(/\?=\s*=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
      expect(subject).toMatch(/^Relance : Point d’étape avant la plénière de juin – point d’avancement à renvoyer avant le 31\/03\/2026$/);
      const text = /Content-Type: text\/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(eml)![1]!;
      expect(Buffer.from(text.replace(/\r\n/g, ''), 'base64').toString('utf8')).toContain('nous n’avons pas encore reçu le point d’avancement');

      const after = await t.call('returns.get', { id: campaign.id });
      for (const request of after.requests) {
        if (answered.includes(request.partnerName)) expect(request).toMatchObject({ state: 'pris_en_compte', remindedOn: null, reminders: 0 });
        else expect(request).toMatchObject({ state: 'relance', sentOn: '2026-03-05', remindedOn: '2026-03-20', reminders: 1 });
      }
      expect(after.toRemind).toBe(before.asked - 1);

      // The reminder's workbook comes back like the first one.
      const { files: previewed } = await preview(join(reminded.folder, files.find((f) => f.endsWith('.xlsx'))!));
      expect(previewed[0]).toMatchObject({ outcome: 'ready', problems: [] });

      // Nobody left to remind among those chosen.
      const answeredId = after.requests.find((r) => answered.includes(r.partnerName))!.id;
      expect(await t.callError('returns.remind', { id: campaign.id, requestIds: [answeredId] })).toMatchObject({ message: expect.stringContaining('personne à relancer') });
    } finally {
      t.clock.set('2026-03-05T10:00:00.000Z');
    }
  }, 120_000);
});

describe('conflicts', () => {
  it('shows what the workbook showed, what Maillage holds now and what the structure wrote, and never settles one silently', async () => {
    const { name } = otherStructure(2);
    const wbPath = workbookOf(name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(wbPath);
    const first = dataRows(wb.getWorksheet('Fiches actions')!)[0]!;
    const fiche = db().prepare('SELECT id, status, progress FROM actions WHERE code = ?').get(first.code) as { id: string; status: string; progress: number };
    // The secretary changes the fiche in Maillage after the workbook was sent.
    t.clock.set('2026-03-06T09:00:00.000Z');
    await t.call('journal.create', { actionId: fiche.id, entryOn: '2026-03-06', text: 'Point fait en comité technique.', status: 'suspendue', progress: 55 });
    const filled = await filledCopy(
      'conflict',
      (book) => {
        const sheet = book.getWorksheet('Fiches actions')!;
        sheet.getCell(first.row, FICHE_COLUMNS.status).value = 'En cours';
        sheet.getCell(first.row, FICHE_COLUMNS.progress).value = 70;
        sheet.getCell(first.row, FICHE_COLUMNS.difficulties).value = 'Pas de salle disponible en mars.';
      },
      name,
    );
    const { token, files } = await preview(filled);
    const lines = files[0]!.fiches.find((f) => f.actionId === fiche.id)!.lines;
    const status = lines.find((l) => l.kind === 'status')!;
    expect(status).toMatchObject({ before: 'Suspendue', after: 'En cours', conflict: { whenMade: expect.any(String) } });
    expect(lines.find((l) => l.kind === 'progress')).toMatchObject({ before: '55 %', after: '70 %', conflict: { whenMade: `${fiche.progress} %` } });

    // Accepting every line leaves the conflicts undecided: nothing is taken from the file.
    const undecided = await t.call('returns.apply', { token, files: [{ key: 'f1', accepted: lines.map((l) => l.id) }] });
    expect(undecided.files[0]).toMatchObject({ outcome: 'refused' });
    expect(undecided.files[0]!.reason).toContain('2 conflits restent à trancher');
    expect((await t.call('actions.get', { id: fiche.id })).status).toBe('suspendue');

    // Keeping Maillage's status and taking the structure's progress.
    const again = await preview(filled);
    const report = await t.call('returns.apply', {
      token: again.token,
      files: [{ key: 'f1', accepted: lines.filter((l) => !l.conflict).map((l) => l.id), choices: { [status.id]: 'maillage', [`${fiche.id}:progress`]: 'structure' } }],
    });
    expect(report.files[0]).toMatchObject({ outcome: 'taken' });
    const after = await t.call('actions.get', { id: fiche.id });
    expect(after).toMatchObject({ status: 'suspendue', progress: 70 });
    expect(after.journal[0]!.text).toContain('Difficultés rencontrées : Pas de salle disponible en mars.');
    t.clock.set('2026-03-05T10:00:00.000Z');
  }, 120_000);
});

describe('a conflict on an indicator', () => {
  it('shows the value the workbook showed, the one entered in Maillage since, and the structure’s; takes the side chosen', async () => {
    const name = db()
      .prepare(
        `SELECT r.partner_name FROM return_requests r
         WHERE r.campaign_id = ? AND r.answered_on IS NULL AND EXISTS (SELECT 1 FROM return_request_actions ra JOIN indicators i ON i.action_id = ra.action_id WHERE ra.request_id = r.id)
         ORDER BY r.partner_name DESC LIMIT 1`,
      )
      .pluck()
      .get(campaign.id) as string;
    let indicatorName = '';
    const filled = await filledCopy(
      'indicator-conflict',
      (wb) => {
        const sheet = wb.getWorksheet('Indicateurs')!;
        const first = dataRows(sheet)[0]!;
        indicatorName = first.name;
        sheet.getCell(first.row, INDICATOR_COLUMNS.value).value = 35;
        sheet.getCell(first.row, INDICATOR_COLUMNS.on).value = new Date(Date.UTC(2026, 1, 28));
      },
      name,
    );
    const indicatorId = db()
      .prepare('SELECT i.id FROM indicators i JOIN return_request_actions ra ON ra.action_id = i.action_id JOIN return_requests r ON r.id = ra.request_id WHERE r.campaign_id = ? AND r.partner_name = ? AND i.name = ?')
      .pluck()
      .get(campaign.id, name, indicatorName) as string;
    const values = () => db().prepare('SELECT measured_on AS "on", value FROM indicator_values WHERE indicator_id = ? ORDER BY measured_on').all(indicatorId) as { on: string; value: number }[];
    // The secretary enters a value after the workbook was sent.
    await t.call('indicators.addValue', { indicatorId, measuredOn: '2026-03-01', value: '30', note: null });
    const entered = values();

    const { token, files } = await preview(filled);
    const line = files[0]!.fiches.flatMap((f) => f.lines).find((l) => l.id === `${indicatorId}:indicator`)!;
    expect(line.before).toMatch(/^30( .+)? au 01\/03\/2026$/);
    expect(line.after).toMatch(/^35( .+)? au 28\/02\/2026$/);
    expect(line.conflict?.whenMade).toBeDefined();
    expect(line.conflict!.whenMade).not.toBe(line.before);

    const undecided = await t.call('returns.apply', { token, files: [{ key: 'f1', accepted: [line.id] }] });
    expect(undecided.files[0]).toMatchObject({ outcome: 'refused' });
    expect(values()).toEqual(entered);

    const again = await preview(filled);
    const report = await t.call('returns.apply', { token: again.token, files: [{ key: 'f1', accepted: [], choices: { [line.id]: 'structure' } }] });
    expect(report.files[0]).toMatchObject({ outcome: 'taken', indicatorValues: 1 });
    // The structure's value is added beside the secretary's: both stay, each at its date.
    expect(values()).toEqual([...entered, { on: '2026-02-28', value: 35 }].sort((a, b) => a.on.localeCompare(b.on)));
    expect(entered).toContainEqual({ on: '2026-03-01', value: 30 });
  }, 120_000);
});

describe('files that are refused whole, with their reason', () => {
  it('refuses a workbook whose stamp was changed, even with the signature left as it was', async () => {
    const tampered = await filledCopy('tampered', (wb) => {
      const stamp = wb.getWorksheet('maillage')!;
      const cell = stamp.getCell(3, 3);
      cell.value = String(cell.value).replace(/"progress":\d+/, '"progress":99');
    });
    const { files } = await preview(tampered);
    expect(files[0]).toMatchObject({ outcome: 'refused' });
    expect(files[0]!.reason).toContain('feuille d’identification a été modifiée');
  });

  it('refuses a workbook whose locked cell was changed, naming the cell', async () => {
    const changed = await filledCopy('locked', (wb) => {
      const sheet = wb.getWorksheet('Fiches actions')!;
      sheet.getCell(4, 4).value = 'Réalisée';
    });
    const { files } = await preview(changed);
    expect(files[0]!.outcome).toBe('refused');
    expect(files[0]!.reason).toMatch(/la cellule verrouillée D4 de la feuille « Fiches actions » a été modifiée : « [^»]+ » y est devenu « Réalisée »/);
  });

  it('refuses a workbook of another campaign, and one of another commission', async () => {
    const other = await t.call('returns.create', { name: 'Bilan 2026', periodFrom: '2026-01-01', periodTo: '2026-12-31', deadlineOn: '2026-12-15', replyTo: null });
    const mine = workbookOf(structureWithIndicators().name);
    const { files } = await t.call('returns.preview', { campaignId: other.id, files: [base64Of(mine)] });
    expect(files[0]!.reason).toContain('il répond à la campagne « Point d’étape avant la plénière de juin », pas à celle-ci');
    await t.call('returns.delete', { id: other.id });

    const elsewhere = createTestRouter({ now: '2026-03-05T10:00:00.000Z' });
    try {
      await elsewhere.call('app.openDemo');
      const theirs = await elsewhere.call('returns.create', { name: 'Autre', periodFrom: '2026-01-01', periodTo: '2026-06-30', deadlineOn: '2026-03-31', replyTo: null });
      const { files: refused } = await elsewhere.call('returns.preview', { campaignId: theirs.id, files: [base64Of(mine)] });
      expect(refused[0]!.reason).toContain('préparé par une autre commission');
    } finally {
      elsewhere.cleanup();
    }
  });
});

describe('what a partner may write', () => {
  it('reads formulas as their values and keeps none: a formula injected in a text stays text', async () => {
    const { name } = otherStructure(3);
    const injected = await filledCopy(
      'formulas',
      (wb) => {
        const sheet = wb.getWorksheet('Fiches actions')!;
        const { row } = dataRows(sheet)[0]!;
        sheet.getCell(row, FICHE_COLUMNS.progress).value = { formula: '40+5', result: 45 };
        sheet.getCell(row, FICHE_COLUMNS.done).value = { formula: 'HYPERLINK("http://exemple.invalid/x","Voir le compte rendu")', result: 'Voir le compte rendu' };
        sheet.getCell(row, FICHE_COLUMNS.difficulties).value = '=cmd|\' /C calc\'!A0';
        sheet.getCell(row, FICHE_COLUMNS.next).value = { formula: 'A1&"x"' } as ExcelJS.CellFormulaValue;
      },
      name,
    );
    const resaved = await resaveWithLibreOffice(injected, work('formulas-lo'));
    for (const file of [injected, resaved]) {
      const { files } = await preview(file);
      const lines = files[0]!.fiches.flatMap((f) => f.lines);
      expect(lines.find((l) => l.kind === 'progress')).toMatchObject({ after: '45 %', note: 'formule remplacée par sa valeur' });
      expect(lines.find((l) => l.kind === 'done')?.after).toBe('Voir le compte rendu');
      expect(lines.find((l) => l.kind === 'difficulties')?.after).toBe('=cmd|\' /C calc\'!A0');
      expect(files[0]!.warnings.join(' ')).toContain('formule');
      if (file === injected) expect(files[0]!.problems.map((p) => p.message).join(' ')).toContain('formule dont le classeur n’a pas gardé la valeur');
    }
  }, 120_000);

  it('names the sheet, row and column of each value that fails its check, and takes the others', async () => {
    const { name } = otherStructure(4);
    const wrong = await filledCopy(
      'wrong',
      (wb) => {
        const sheet = wb.getWorksheet('Fiches actions')!;
        const { row } = dataRows(sheet)[0]!;
        sheet.getCell(row, FICHE_COLUMNS.status).value = 'Presque fini';
        sheet.getCell(row, FICHE_COLUMNS.progress).value = 150;
        sheet.getCell(row, FICHE_COLUMNS.done).value = 'Réunion\u200b tenue\u0007.';
        sheet.getCell(row + 40, FICHE_COLUMNS.done).value = 'Une ligne ajoutée sous le tableau.';
      },
      name,
    );
    const { files } = await preview(wrong);
    const problems = files[0]!.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'Fiches actions', row: 4, column: 'H (Nouveau statut)', message: expect.stringContaining('« Presque fini » n’est pas un statut') }),
        expect.objectContaining({ sheet: 'Fiches actions', row: 4, column: 'J (Avancement (%))', message: expect.stringContaining('de 0 à 100') }),
        expect.objectContaining({ sheet: 'Fiches actions', row: 44, message: expect.stringContaining('hors des lignes') }),
      ]),
    );
    const done = files[0]!.fiches.flatMap((f) => f.lines).find((l) => l.kind === 'done')!;
    expect(done).toMatchObject({ after: 'Réunion tenue.', note: 'caractères invisibles retirés' });
  });
});

describe('hostile files', () => {
  const contentTypes = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

  it('refuses a zip bomb whose entry lies about its size, by counting the bytes it really inflates to', async () => {
    const bomb = craftZip(
      [
        { name: '[Content_Types].xml', data: contentTypes },
        { name: 'xl/sharedStrings.xml', data: Buffer.alloc(200 * 1024 * 1024, 0x20), declaredSize: 1_000 },
      ],
      join(work('bomb'), 'bombe.xlsx'),
    );
    const started = Date.now();
    const { files } = await preview(bomb);
    expect(files[0]).toMatchObject({ outcome: 'refused' });
    expect(files[0]!.reason).toContain('bien plus volumineux qu’un classeur de remontée');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reads a workbook whatever the order of its parts (its sheets stored before the workbook part, as exceljs itself may write them)', async () => {
    const source = await JSZip.loadAsync(readFileSync(workbookOf(otherStructure(5).name)));
    const names = Object.keys(source.files).filter((n) => !source.files[n]!.dir);
    const reordered = new JSZip();
    // Relations and shared texts, then the sheets, then the workbook part: the order exceljs's own reader fails on.
    const first = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', ...names.filter((n) => n.startsWith('xl/worksheets/sheet'))];
    for (const name of [...first, ...names.filter((n) => !first.includes(n))]) {
      reordered.file(name, await source.file(name)!.async('nodebuffer'));
    }
    const path = join(work('reordered'), 'ordre.xlsx');
    writeFileSync(path, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const { files } = await preview(path);
    expect(files[0]).toMatchObject({ outcome: 'ready', problems: [] });
  });

  it('refuses a file of more than 10 MB before reading it, and a drop far over it before decoding it', async () => {
    const justOver = { name: 'enorme.xlsx', base64: Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64') };
    const { files } = await t.call('returns.preview', { campaignId: campaign.id, files: [justOver, base64Of(workbookOf(otherStructure(6).name))] });
    expect(files.map((f) => f.outcome)).toEqual(['refused', 'ready']);
    expect(files[0]!.reason).toContain('bien plus volumineux qu’un classeur de remontée');
    const farOver = { name: 'enorme.xlsx', base64: Buffer.alloc(11 * 1024 * 1024).toString('base64') };
    expect(await t.callError('returns.preview', { campaignId: campaign.id, files: [farOver] })).toMatchObject({ code: 'validation', message: expect.stringContaining('Ce fichier dépasse 10 Mo') });
  });

  it('refuses an entry that inflates to another size than it declares, and a file that is not a workbook', async () => {
    const lying = craftZip([{ name: '[Content_Types].xml', data: contentTypes, declaredSize: 10 }], join(work('lying'), 'menteur.xlsx'));
    const { files } = await t.call('returns.preview', { campaignId: campaign.id, files: [base64Of(lying), { name: 'note.xlsx', base64: Buffer.from('pas un classeur').toString('base64') }] });
    expect(files[0]!.reason).toContain('endommagé');
    expect(files[1]!.reason).toContain('ce n’est pas un classeur Excel');
  });
});
