import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParcoursImportFile } from '../../src/shared/model/parcours-import';
import { cli } from '../helpers/cli';
import { registerCsv, registerRowsWithErrors, registerXlsx, REGISTER_HEADERS, REGISTER_ROWS, row } from '../helpers/parcours-files';
import { createTestRouter, type TestRouter } from '../helpers/router';
import { formatDate } from '../../src/shared/format';
import { addDays, parisToday } from '../../src/shared/wallclock';

let t: TestRouter;

beforeEach(async () => {
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '33' });
  await t.call('partners.create', { name: 'Amicale du Nid – Gironde', type: 'association_sortie', domains: [] });
  await t.call('partners.create', { name: 'Mouvement du Nid', type: 'association_sortie', domains: [] });
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;
const count = (sql: string) => db().prepare(sql).pluck().get() as number;

async function open(name: string, bytes: Buffer | string): Promise<ParcoursImportFile> {
  const path = join(t.dir, name);
  writeFileSync(path, bytes);
  t.os.queueOpenFile(path);
  const opened = await t.call('parcoursImport.open');
  if (!opened) throw new Error('cancelled');
  return opened;
}

/** The mapping once the secretary has also chosen every free-text column the wizard points out. */
const chosen = (opened: ParcoursImportFile) => opened.mapping.map((f, i) => f ?? opened.freeText[i] ?? null);

describe('importing the register a secretary keeps', () => {
  it('refuses a file with a bad row as a whole, naming the row, then imports the corrected file with its history', async () => {
    const bad = await open('registre.xlsx', await registerXlsx(registerRowsWithErrors()));
    expect(bad.headerLine).toBe(3);
    // The identity columns are recognised, never mapped, and emptied before anything else sees them.
    expect(bad.identityColumns.map((c) => c.header)).toEqual(['N° dossier', 'Nom', 'Prénom', 'Date de naissance']);
    expect(bad.identityColumns.every((c) => bad.mapping[c.column] === null && c.reason === null)).toBe(true);
    expect(JSON.stringify(bad.samples)).not.toMatch(/FICTIVE|Alice|AGDREF|1996/);
    // Free text is never suggested: the wizard points it out, the secretary chooses it.
    expect(bad.freeText.filter(Boolean)).toEqual(['reference', 'previousReference', 'decreeRef', 'notes']);
    expect(chosen(bad).filter(Boolean)).toEqual([
      'reference',
      'association',
      'kind',
      'previousReference',
      'receivedOn',
      'meeting',
      'opinion',
      'decision',
      'decisionOn',
      'decreeRef',
      'startsOn',
      'endsOn',
      'afis',
      'titreSejour',
      'state',
      'endReason',
      'closedOn',
      'sex',
      'ageBand',
      'nationality',
      'notes',
    ]);

    const preview = await t.call('parcoursImport.preview', { token: bad.token, mapping: chosen(bad) });
    expect(preview.identityColumns.map((c) => c.header)).toEqual(['N° dossier', 'Nom', 'Prénom', 'Date de naissance']);
    expect(preview.errors).toBe(2);
    const errors = preview.rows.filter((r) => r.level === 'error');
    // Spreadsheet rows: title, blank, header, then the data from row 4.
    expect(errors.map((r) => r.line)).toEqual([6, 11]);
    expect(errors[0]!.messages[0]!.text).toBe('Fin du parcours : Ce renouvellement porterait le parcours au-delà de 24 mois : commencé le 12/02/2024, il doit prendre fin au plus tard le 11/02/2026.');
    expect(errors[1]!.messages[0]!.text).toBe('Reçue le « 31/02/2025 » : date illisible (écrivez-la jj/mm/aaaa).');
    const error = await t.callError('parcoursImport.commit', { token: bad.token, mapping: chosen(bad) });
    expect(error.message).toBe('2 lignes comportent une erreur : rien n’a été importé. Corrigez le fichier, ou la correspondance des colonnes, puis recommencez.');
    expect(count('SELECT count(*) FROM parcours_requests')).toBe(0);
    expect(count(`SELECT count(*) FROM change_log WHERE entity = 'parcours_request'`)).toBe(0);

    const good = await open('registre.xlsx', await registerXlsx());
    const checked = await t.call('parcoursImport.preview', { token: good.token, mapping: chosen(good) });
    expect(checked.errors).toBe(0);
    expect([checked.firstRequests, checked.renewals]).toEqual([6, 2]);
    expect(checked.unknownAssociations).toEqual(['CIDFF de la Gironde']);
    expect(count('SELECT count(*) FROM parcours_requests')).toBe(0);
    const summary = await t.call('parcoursImport.commit', { token: good.token, mapping: chosen(good) });
    expect(summary).toEqual({ created: 8, firstRequests: 6, renewals: 2, warnings: expect.any(Number) });

    const register = await t.call('parcours.list');
    const byRef = new Map(register.map((r) => [r.reference, r]));
    expect(byRef.get('AN-2024-01')).toMatchObject({ state: 'termine', endReason: 'renouvele', startsOn: '2024-02-12', endsOn: '2024-08-11', rights: ['afis', 'titre_sejour'] });
    expect(byRef.get('AN-2024-07')).toMatchObject({ renewalNumber: 1, previousReference: 'AN-2024-01', startsOn: '2024-08-12', state: 'termine', endReason: 'renouvele' });
    expect(byRef.get('AN-2025-02')).toMatchObject({ renewalNumber: 2, previousReference: 'AN-2024-07', state: 'en_cours', opinionOn: '2025-02-03' });
    expect(byRef.get('MN-2024-03')).toMatchObject({ decision: 'refuse', state: 'termine', endReason: 'refus', receivedOn: '2024-04-10' });
    expect(byRef.get('AN-2024-11')).toMatchObject({ state: 'termine', endReason: 'sortie_anticipee', closedOn: '2024-12-15' });
    expect(byRef.get('CIDFF-2025-4')).toMatchObject({ opinion: 'ajourne', state: 'instruction', associationName: 'CIDFF de la Gironde' });
    // The row without a reference is numbered by Maillage.
    expect(byRef.get('PS-2025-001')).toMatchObject({ receivedOn: '2025-11-14', state: 'instruction' });
    const detail = await t.call('parcours.get', { id: byRef.get('AN-2024-01')!.id });
    expect(detail).toMatchObject({ sex: 'femme', ageBand: '25_34', nationality: 'hors_ue', decreeRef: '2024-033' });
    expect(detail.associationId).not.toBeNull();

    // History: every request created, the renewals' closing of the parcours they renew recorded.
    expect(count(`SELECT count(*) FROM change_log WHERE entity = 'parcours_request' AND op = 'create'`)).toBe(8);
    expect(count(`SELECT count(*) FROM change_log WHERE entity = 'parcours_request' AND op = 'update'`)).toBe(2);
    // Nothing of the identity columns reached the database file.
    const raw = readFileSync(t.session.require().path).toString('latin1');
    for (const secret of ['FICTIVE', 'AGDREF', '3301234567', '1996', '7788990']) expect(raw).not.toContain(secret);

    // The same file again: every reference is taken, nothing is added.
    const again = await open('registre.xlsx', await registerXlsx());
    const twice = await t.call('parcoursImport.preview', { token: again.token, mapping: chosen(again) });
    expect(twice.errors).toBe(7);
    expect(twice.rows[0]!.messages[0]!.text).toBe('Référence : La référence « AN-2024-01 » est déjà utilisée par une autre demande.');
  });

  it('refuses a mapping that would import a column identifying a person', async () => {
    const opened = await open('registre.csv', registerCsv());
    expect(opened.formatLabel).toBe('Fichier CSV UTF-8 enregistré par Excel');
    const mapping = [...opened.mapping];
    mapping[REGISTER_HEADERS.indexOf('Nom')] = 'notes';
    const error = await t.callError('parcoursImport.preview', { token: opened.token, mapping });
    expect(error.message).toBe('La colonne « Nom » identifie une personne : le registre est anonyme, elle ne peut pas être importée.');
  });

  it('leaves aside, with the reason, a column whose values give a person away, whatever its header', async () => {
    const rows = REGISTER_ROWS.map((r) => [...r]);
    const observations = REGISTER_HEADERS.indexOf('Observations');
    const arrete = REGISTER_HEADERS.indexOf('Arrêté');
    rows[3]![observations] = 'Pièces incomplètes ; NIR 2 85 03 75 115 005 03';
    rows[4]![arrete] = 'IBAN FR76 3000 6000 0112 3456 7890 189';
    const opened = await open('registre.csv', registerCsv(rows));
    const reasons = Object.fromEntries(opened.identityColumns.map((c) => [c.header, c.reason]));
    expect(reasons).toEqual({
      'N° dossier': null,
      Nom: null,
      Prénom: null,
      'Date de naissance': null,
      Arrêté: 'ressemble à un IBAN, ligne 6',
      Observations: 'ressemble à un numéro de sécurité sociale, ligne 5',
    });
    // Emptied at once, never offered as free text, refused if mapped all the same.
    expect(JSON.stringify(opened.samples)).not.toMatch(/NIR|FR76/);
    expect([opened.freeText[observations], opened.freeText[arrete]]).toEqual([null, null]);
    const mapping = chosen(opened);
    mapping[observations] = 'notes';
    const error = await t.callError('parcoursImport.preview', { token: opened.token, mapping });
    expect(error.message).toBe('La colonne « Observations » identifie une personne (elle ressemble à un numéro de sécurité sociale, ligne 5) : le registre est anonyme, elle ne peut pas être importée.');
    mapping[observations] = null;
    const preview = await t.call('parcoursImport.preview', { token: opened.token, mapping });
    expect(preview.errors).toBe(0);
    expect(preview.identityColumns).toEqual(opened.identityColumns);
  });

  it('reports the register’s rules row by row in plain French', async () => {
    const rows = [
      ['', '', '', '', 'X-1', 'Amicale du Nid – Gironde', 'Renouvellement', '', '01/02/2025', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
      ['', '', '', '', 'X-2', 'Amicale du Nid – Gironde', 'Première demande', '', '01/02/2025', '', 'Favorable', 'Autorisé', '01/01/2025', '', '', '', '', '', '', '', '', '', '', '', ''],
      ['', '', '', '', 'X-3', 'Amicale du Nid – Gironde', 'Première demande', '', '01/02/2025', '', '', '', '', '', '', '', '', '', 'En cours', '', '', 'Inconnu', '', '', ''],
      ['', '', '', '', 'X-4', 'Amicale du Nid – Gironde', 'Renouvellement', 'X-9', '01/02/2025', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
    ];
    const opened = await open('regles.csv', registerCsv(rows));
    const preview = await t.call('parcoursImport.preview', { token: opened.token, mapping: chosen(opened) });
    const messages = preview.rows.map((r) => r.messages.map((m) => m.text));
    expect(messages[0]).toEqual(['Renouvellement sans la référence de la demande renouvelée : indiquez-la dans la colonne « Demande renouvelée ».']);
    expect(messages[1]).toEqual(['Date de l’avis : Indiquez la séance ou la date de l’avis.', 'Date de la décision : La décision ne peut pas précéder la réception de la demande.']);
    expect(messages[2]).toEqual(['État « En cours » ne correspond pas aux autres colonnes : d’après l’avis, la décision et le motif de fin, la demande est « En instruction ».', 'Sexe « Inconnu » non compris : ignoré (femme, homme ou autre).']);
    expect(messages[3]).toEqual(['La demande renouvelée X-9 n’est ni dans le fichier ni dans le registre.']);
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
  });

  it('warns of a parcours still « En cours » after its planned end', async () => {
    const authorised = { Association: 'Amicale du Nid – Gironde', Nature: 'Première demande', Avis: 'Favorable', Décision: 'Autorisé', État: 'En cours' };
    const rows = [
      // Authorised on 12/02/2025 for six months: ended on 11/08/2025, before today (05/03/2026).
      row({ ...authorised, Référence: 'Y-1', 'Reçue le': '15/01/2025', 'Date de la commission': '05/02/2025', 'Date de la décision': '12/02/2025' }),
      row({ ...authorised, Référence: 'Y-2', 'Reçue le': '15/01/2026', 'Date de la commission': '05/02/2026', 'Date de la décision': '12/02/2026' }),
    ];
    const opened = await open('fin-passee.csv', registerCsv(rows));
    const preview = await t.call('parcoursImport.preview', { token: opened.token, mapping: chosen(opened) });
    expect(preview.rows.map((r) => r.messages.map((m) => m.text))).toEqual([
      ['Parcours « En cours » dont la fin prévue (11/08/2025) est passée : indiquez le motif et la date de fin, ou la ligne de son renouvellement.'],
      [],
    ]);
    expect(preview.errors).toBe(0);
  });
});

describe('dates after today', () => {
  it('refuses a request received, examined, decided or closed after today (Paris), naming the row and the date', async () => {
    const today = parisToday(t.clock.now());
    const tomorrow = formatDate(addDays(today, 1));
    const base = { Association: 'Amicale du Nid – Gironde', Nature: 'Première demande' };
    const rows = [
      row({ ...base, Référence: 'Z-1', 'Reçue le': tomorrow }),
      // A meeting Maillage does not hold dates the avis.
      row({ ...base, Référence: 'Z-2', 'Reçue le': '15/01/2026', 'Date de la commission': tomorrow, Avis: 'Favorable' }),
      row({ ...base, Référence: 'Z-3', 'Reçue le': '15/01/2026', 'Date de la commission': '05/02/2026', Avis: 'Favorable', Décision: 'Autorisé', 'Date de la décision': tomorrow }),
      row({ ...base, Référence: 'Z-4', 'Reçue le': formatDate(today) }),
      row({ ...base, Référence: 'Z-5', 'Reçue le': '15/01/2025', 'Date de la commission': '05/02/2025', Avis: 'Favorable', Décision: 'Autorisé', 'Date de la décision': '12/02/2025', 'Motif de sortie': 'Sortie anticipée', 'Date de sortie': tomorrow }),
    ];
    const opened = await open('futur.csv', registerCsv(rows));
    const preview = await t.call('parcoursImport.preview', { token: opened.token, mapping: chosen(opened) });
    expect(preview.rows.map((r) => r.messages.filter((m) => m.level === 'error').map((m) => m.text))).toEqual([
      [`Reçue le : le ${tomorrow} est après aujourd’hui ; corrigez la date.`],
      [`Date de l’avis : le ${tomorrow} est après aujourd’hui ; corrigez la date.`],
      [`Date de la décision : le ${tomorrow} est après aujourd’hui ; corrigez la date.`],
      [],
      [`Fin le : le ${tomorrow} est après aujourd’hui ; corrigez la date.`],
    ]);
    expect(preview.errors).toBe(4);
  });
});

describe('parcours import on the command line', () => {
  it('checks with --dry-run, refuses a file with errors, imports a good one', async () => {
    const file = t.session.require().path;
    t.session.close();
    const bad = join(t.dir, 'bad.xlsx');
    writeFileSync(bad, await registerXlsx(registerRowsWithErrors()));
    const free = ['--texte-libre', 'Référence', '--texte-libre', 'demande renouvelée', '--texte-libre', 'Arrêté', '--texte-libre', 'Observations'];
    const refused = await cli('parcours', 'import', '--db', file, '--file', bad, ...free);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Colonnes ignorées car elles identifient une personne : N° dossier, Nom, Prénom, Date de naissance.');
    expect(refused.stdout).toContain('Ligne 6 (AN-2025-02) – erreur : Fin du parcours : Ce renouvellement porterait le parcours au-delà de 24 mois');
    expect(refused.stderrLines).toEqual([expect.stringContaining('2 lignes sont en erreur : rien n’a été importé')]);

    const good = join(t.dir, 'good.csv');
    writeFileSync(good, registerCsv());
    // Without the free-text columns, no reference: the renewals cannot say what they renew.
    const without = await cli('parcours', 'import', '--db', file, '--file', good, '--dry-run');
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('  Observations → non importée : texte libre (Observations), à importer avec --texte-libre "Observations" si elle ne contient rien qui identifie une personne');
    expect((await cli('parcours', 'import', '--db', file, '--file', good, '--texte-libre', 'Nom')).stderrLines).toEqual(['Erreur : la colonne « Nom » identifie une personne : le registre est anonyme, elle ne peut pas être importée.']);
    expect((await cli('parcours', 'import', '--db', file, '--file', good, '--texte-libre', 'Avis')).stderrLines[0]).toMatch(/n’est pas une colonne de texte libre/);
    const dry = await cli('parcours', 'import', '--db', file, '--file', good, '--dry-run', ...free);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Simulation (--dry-run) : rien n’a été écrit.');
    const done = await cli('parcours', 'import', '--db', file, '--file', good, ...free);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Import terminé : 8 demandes ajoutées au registre (6 premières demandes, 2 renouvellements).');
    const exported = join(t.dir, 'export.csv');
    expect((await cli('parcours', 'export', '--db', file, '--out', exported)).stdout).toContain('8 demandes exportées');
  });

  it('re-imports the register Maillage exports: same requests, chains and states', async () => {
    t.session.close();
    const demo = join(t.dir, 'demo.maillage');
    expect((await cli('demo', '--db', demo)).code).toBe(0);
    const exported = join(t.dir, 'registre.xlsx');
    expect((await cli('parcours', 'export', '--db', demo, '--out', exported)).code).toBe(0);
    const fresh = join(t.dir, 'nouvelle.maillage');
    expect((await cli('init', '--db', fresh, '--department', '33')).code).toBe(0);
    const free = ['Référence', 'Demande renouvelée', 'Motifs de l’avis', 'Arrêté'].flatMap((h) => ['--texte-libre', h]);
    const run = await cli('parcours', 'import', '--db', fresh, '--file', exported, ...free);
    expect(run.code).toBe(0);
    const { default: Database } = await import('better-sqlite3');
    const read = (file: string) => {
      const d = new Database(file, { readonly: true });
      try {
        return d
          .prepare('SELECT r.reference, r.renewal_number, p.reference AS previous, r.received_on, r.opinion, r.decision, r.starts_on, r.ends_on, r.state, r.end_reason, r.closed_on FROM parcours_requests r LEFT JOIN parcours_requests p ON p.id = r.previous_id ORDER BY r.reference')
          .all();
      } finally {
        d.close();
      }
    };
    const before = read(demo);
    expect(before.length).toBeGreaterThanOrEqual(12);
    expect(read(fresh)).toEqual(before);
  });
});
