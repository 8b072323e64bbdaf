import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plannedImport, type ImportFile } from '../../src/shared/model/partner-import';
import { formatDate } from '../../src/shared/format';
import { addDays, parisToday } from '../../src/shared/wallclock';
import { createTestRouter, type TestRouter } from '../helpers/router';
import { csvText, girondeCsv, girondeDate, girondeXlsx, GIRONDE_ROWS, ROWS, windows1252, xlsxWithTitle } from '../helpers/partner-files';

let t: TestRouter;

beforeEach(async () => {
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '33' });
});
afterEach(() => t.cleanup());

const db = () => t.session.require().db;
const count = (table: string) => db().prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function file(name: string, bytes: Buffer | string): string {
  const path = join(t.dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function open(name: string, bytes: Buffer | string): Promise<ImportFile> {
  t.os.queueOpenFile(file(name, bytes));
  const opened = await t.call('partnerImport.open');
  if (!opened) throw new Error('cancelled');
  return opened;
}

async function importAll(opened: ImportFile, onDuplicate: 'skip' | 'merge' = 'skip') {
  return t.call('partnerImport.commit', { token: opened.token, mapping: opened.mapping, onDuplicate });
}

function partnersInDb() {
  return db()
    .prepare('SELECT name, type, domains, address, postcode, commune, website, siret, notes FROM partners ORDER BY name, commune')
    .all();
}
function contactsInDb() {
  return db()
    .prepare(
      `SELECT p.name AS structure, c.civility, c.first_name, c.last_name, c.role, c.email, c.phone, EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id AND m.to_on IS NULL) AS is_member, c.source, c.confirmed_on, c.notes
       FROM contacts c JOIN partners p ON p.id = c.partner_id ORDER BY p.name, c.last_name`,
    )
    .all();
}

describe('reading the files secretaries have', () => {
  it('reads a French Excel CSV (Windows-1252, `;`) with accents, quotes and a line break in a cell', async () => {
    const rows = ROWS.map((r) => [...r]);
    rows[0]![2] = '12, rue Élie-Gintrac\nBâtiment « B »';
    rows[1]![7] = 'Éducateur "prévention"';
    const opened = await open('partenaires.csv', windows1252(csvText(';', rows)));
    expect(opened.formatLabel).toBe('Fichier CSV enregistré par Excel');
    expect(opened.headers[0]).toBe('Structure');
    expect(opened.mapping).toEqual(['name', 'type', 'address', 'postcode', 'commune', 'phone', 'email', 'role', 'lastName', 'firstName']);
    expect(opened.rowCount).toBe(4);

    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(preview.errors).toBe(0);
    expect(preview.groups.map((g) => [g.name, g.contacts])).toEqual([
      ['Amicale du Nid – Bordeaux', 2],
      ['Brigade de protection des familles', 1],
      ['CHRS L’Escale', 0],
    ]);
    const brigade = preview.rows.find((r) => r.structure.startsWith('Brigade'))!;
    expect(brigade.level).toBe('warning');
    expect(brigade.messages.map((m) => m.text).join(' ')).toContain('Contact : courriel « pas-une-adresse » ignoré');
    const chrs = preview.rows.find((r) => r.structure.startsWith('CHRS'))!;
    // « Foyer d’hébergement » is one of the words lists use for this type: understood without a warning.
    expect(chrs.messages).toEqual([]);
    // Row numbers are Excel's: the first Amicale row spans two text lines but is one row.
    expect([brigade.line, chrs.line]).toEqual([4, 5]);

    const summary = await importAll(opened);
    expect(summary).toMatchObject({ partnersCreated: 3, contactsCreated: 3, partnersSkipped: 0 });
    const amicale = db().prepare("SELECT * FROM partners WHERE name LIKE 'Amicale%'").get() as { address: string; type: string; postcode: string };
    expect(amicale).toMatchObject({ address: '12, rue Élie-Gintrac\nBâtiment « B »', type: 'association_sortie', postcode: '33000' });
    expect(db().prepare("SELECT role FROM contacts WHERE last_name = 'Leclerc'").pluck().get()).toBe('Éducateur "prévention"');
    expect(db().prepare("SELECT email FROM contacts WHERE last_name = 'Bézier'").pluck().get()).toBeNull();
    expect(db().prepare("SELECT count(*) FROM change_log WHERE entity = 'partner' AND op = 'create'").pluck().get()).toBe(3);
  });

  it.each([
    ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(';'))]), 'Fichier CSV UTF-8 enregistré par Excel'],
    ['UTF-8 without BOM', () => Buffer.from(csvText(';')), 'Fichier CSV UTF-8 enregistré par Excel'],
    ['comma separated', () => Buffer.from(csvText(',')), 'Fichier CSV UTF-8'],
    ['tab separated UTF-16 (Excel « texte Unicode »)', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText('\t'), 'utf16le')]), 'Fichier texte Unicode enregistré par Excel'],
  ])('reads %s', async (_name, bytes, label) => {
    const opened = await open('liste.csv', bytes());
    expect(opened.formatLabel).toBe(label);
    await importAll(opened);
    expect(db().prepare('SELECT name, address, commune FROM partners ORDER BY name').all()).toEqual([
      { name: 'Amicale du Nid – Bordeaux', address: '12, rue Élie-Gintrac', commune: 'Bordeaux' },
      { name: 'Brigade de protection des familles', address: '23, rue François-de-Sourdis', commune: 'Bordeaux' },
      { name: 'CHRS L’Escale', address: '4 allée des Pins', commune: 'Mérignac' },
    ]);
    expect(count('contacts')).toBe(3);
  });

  it('reads an .xlsx with a title and a blank row above the header, numeric postcodes and dates', async () => {
    const opened = await open('annuaire.xlsx', await xlsxWithTitle());
    expect(opened.formatLabel).toBe('Classeur Excel, feuille « Annuaire »');
    expect(opened.headerLine).toBe(3);
    expect(opened.mapping.at(-1)).toBe('confirmedOn');
    expect(opened.samples[0]![0]).toBe('Amicale du Nid – Bordeaux');
    await importAll(opened);
    expect(db().prepare("SELECT first_name, confirmed_on FROM contacts ORDER BY confirmed_on").all()).toEqual([
      { first_name: 'Hélène', confirmed_on: '2025-01-15' },
      { first_name: 'Jérôme', confirmed_on: '2025-01-16' },
      { first_name: 'Anaïs', confirmed_on: '2025-01-17' },
    ]);
    expect(db().prepare("SELECT postcode FROM partners WHERE commune = 'Mérignac'").pluck().get()).toBe('33700');
  });

  it('lets the user correct the mapping: an unknown header mapped by hand, a column ignored', async () => {
    const text = 'Organisme partenaire;Ville;Référente;Divers\nMaison des adolescents;Libourne;Mme Claire DUVAL;à rappeler\n';
    const opened = await open('maison.csv', text);
    expect(opened.mapping).toEqual([null, 'commune', 'fullName', null]);
    const noName = await t.callError('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(noName.message).toContain('Indiquez quelle colonne contient le nom des structures');
    const mapping = ['name', 'commune', 'fullName', 'notes'] as const;
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: [...mapping] });
    expect(preview.rows[0]).toMatchObject({
      structure: 'Maison des adolescents',
      contact: 'Mme Claire DUVAL',
      level: 'warning',
      messages: [{ level: 'warning', text: 'Type absent : « ARS et santé (hôpitaux, UAPED) » déduit du nom de la structure ; vérifiez-le.' }],
    });
    await t.call('partnerImport.commit', { token: opened.token, mapping: [...mapping] });
    expect(contactsInDb()).toMatchObject([{ civility: 'Mme', first_name: 'Claire', last_name: 'DUVAL' }]);
    expect(partnersInDb()).toMatchObject([{ name: 'Maison des adolescents', type: 'sante', notes: 'à rappeler' }]);
    const twice = await t.callError('partnerImport.preview', { token: opened.token, mapping: ['name', 'name', null, null] });
    expect(twice.code).toBe('validation');
  });
});

describe('the Gironde directory, as its secretary keeps it', () => {
  it.each([
    ['French Excel CSV', 'annuaire-cdlp33.csv', girondeCsv, 'Fichier CSV enregistré par Excel'],
    ['.xlsx', 'annuaire-cdlp33.xlsx', girondeXlsx, 'Classeur Excel, feuille « Partenaires CDLP »'],
  ])('reads types by meaning, full names with titles, members and check dates from the %s', async (_label, name, make, formatLabel) => {
    const opened = await open(name, await make());
    expect(opened.formatLabel).toBe(formatLabel);
    expect(opened.headerLine).toBe(4);
    expect(opened.mapping).toEqual(['name', 'type', 'address', 'postcode', 'commune', 'fullName', 'role', 'email', 'phone', 'isMember', 'confirmedOn']);

    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(preview.errors).toBe(0);
    // Excel's own row numbers: header on row 4, data from row 5, whatever line breaks the cells hold.
    expect(preview.rows.map((r) => r.line)).toEqual(GIRONDE_ROWS.map((_, i) => 5 + i));
    // Every type is one of the words lists use (« Barreau » is an ordre professionnel): nothing to look at.
    expect(preview.rows.filter((r) => r.level !== 'ok')).toEqual([]);

    const summary = await importAll(opened);
    expect(summary).toMatchObject({ partnersCreated: 8, contactsCreated: 8 });
    const types = Object.fromEntries(db().prepare('SELECT name, type FROM partners').all().map((r) => [(r as { name: string }).name, (r as { type: string }).type]));
    expect(types).toMatchObject({
      'Préfecture de la Gironde': 'prefecture',
      'DDETS de la Gironde': 'ddfe_ddets',
      'Amicale du Nid 33': 'association_sortie',
      'Tribunal judiciaire de Bordeaux – parquet': 'parquet',
      'Groupement de gendarmerie de la Gironde': 'gendarmerie',
      'CHU de Bordeaux – UAPED': 'sante',
      'CHRS Le Lien': 'hebergement',
      'Ordre des avocats de Bordeaux': 'ordre_professionnel',
    });
    const people = db()
      .prepare('SELECT civility, first_name AS firstName, last_name AS lastName, EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id AND m.to_on IS NULL) AS isMember, confirmed_on AS confirmedOn FROM contacts c ORDER BY last_name COLLATE NOCASE')
      .all();
    expect(people).toEqual([
      { civility: 'Mme', firstName: 'Nadia', lastName: 'Benali', isMember: 1, confirmedOn: '2026-01-15' },
      { civility: 'Pr', firstName: 'Olivier', lastName: 'Brissaud', isMember: 0, confirmedOn: '2025-11-20' },
      { civility: 'Me', firstName: 'Laure', lastName: 'Cassagne', isMember: 0, confirmedOn: '2026-01-05' },
      { civility: 'M.', firstName: 'Jean-Marc', lastName: 'de La Tour', isMember: 1, confirmedOn: '2026-02-01' },
      { civility: 'Mme', firstName: 'Claire', lastName: 'Dubreuil', isMember: 1, confirmedOn: '2026-01-12' },
      { civility: 'M.', firstName: 'Karim', lastName: 'Haddad', isMember: 0, confirmedOn: '2025-12-03' },
      { civility: null, firstName: 'Thomas', lastName: 'LEROY', isMember: 1, confirmedOn: null },
      { civility: 'Dr', firstName: 'Béatrice', lastName: 'Lœuillet', isMember: 1, confirmedOn: '2025-12-03' },
    ]);
    expect(girondeDate('15/01/26')).toBe('2026-01-15');
  });

  it('says what a second import of the same file would really do: nothing new, contacts already there', async () => {
    await importAll(await open('annuaire.csv', girondeCsv()));
    const again = await open('annuaire.csv', girondeCsv());
    const preview = await t.call('partnerImport.preview', { token: again.token, mapping: again.mapping });
    expect(preview.groups.filter((g) => !g.duplicateOf)).toEqual([]);
    expect(preview.duplicates).toBe(8);
    expect(preview.groups.map((g) => g.contactsNewIfMerged)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('bad files: a clear French error and nothing written', () => {
  async function openError(name: string, bytes: Buffer | string): Promise<string> {
    t.os.queueOpenFile(file(name, bytes));
    const error = await t.callError('partnerImport.open');
    expect(error.code).toBe('validation');
    expect(count('partners')).toBe(0);
    return error.message;
  }

  it('refuses an empty file', async () => {
    expect(await openError('vide.csv', '')).toBe('Le fichier « vide.csv » ne peut pas être importé : il est vide.');
  });

  it('refuses a file with a header and no data', async () => {
    expect(await openError('entete.csv', 'Structure;Commune\r\n\r\n')).toContain('aucune ligne de données sous la ligne d’en-tête (ligne 1)');
  });

  it('refuses a PNG renamed .csv and an old .xls', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    expect(await openError('image.csv', png)).toContain('ce n’est ni un fichier CSV ni un classeur Excel (.xlsx)');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(4000)]);
    expect(await openError('ancien.xls', xls)).toContain('Excel 97-2003 (.xls)');
  });

  it('refuses a truncated .xlsx', async () => {
    const whole = await xlsxWithTitle();
    expect(await openError('coupe.xlsx', whole.subarray(0, Math.floor(whole.length / 2)))).toContain('endommagé ou incomplet');
  });

  it('refuses megabytes of random bytes', async () => {
    expect(await openError('hasard.csv', randomBytes(3 * 1024 * 1024))).toContain('ce n’est ni un fichier CSV ni un classeur Excel');
    // Random bytes behind a zip signature reach the xlsx reader.
    expect(await openError('hasard.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(1024 * 1024)]))).toContain('endommagé ou incomplet');
  });

  it('refuses a CSV with an unbalanced quote and says where', async () => {
    const text = 'Structure;Commune\r\nCIDFF;Bordeaux\r\n"Maison de la justice;Libourne\r\nPJJ;Bordeaux\r\n';
    expect(await openError('guillemet.csv', text)).toBe(
      'Le fichier « guillemet.csv » ne peut pas être importé : Guillemet non refermé à partir de la ligne 3 : une cellule commence par « " » sans guillemet de fin. Corrigez le fichier dans Excel ou un éditeur de texte, puis recommencez.',
    );
  });

  it('refuses the whole file when one row has an error, and says which', async () => {
    const rows = [...ROWS, ['', 'Police nationale', '', '', 'Arcachon', '', '', '', 'Martin', 'Paul']];
    const opened = await open('erreur.csv', csvText(';', rows));
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(preview.errors).toBe(1);
    expect(preview.rows.at(-1)).toMatchObject({ line: 6, level: 'error', messages: [{ level: 'error', text: 'Nom de la structure absent : la ligne ne peut pas être importée.' }] });
    const error = await t.callError('partnerImport.commit', { token: opened.token, mapping: opened.mapping });
    expect(error.message).toBe('1 ligne comporte une erreur : rien n’a été importé. Corrigez le fichier, ou la correspondance des colonnes, puis recommencez.');
    expect(count('partners')).toBe(0);
    expect(count('contacts')).toBe(0);
    expect(count('change_log WHERE entity = \'partner\'')).toBe(0);
  });

  it('writes nothing when the database refuses a row midway (one transaction)', async () => {
    const opened = await open('liste.csv', csvText(';'));
    // A trigger standing for any failure in the middle of the import (disk full, constraint…).
    db().exec("CREATE TEMP TRIGGER fail_third BEFORE INSERT ON partners WHEN NEW.name LIKE 'CHRS%' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    await t.callError('partnerImport.commit', { token: opened.token, mapping: opened.mapping });
    expect(count('partners')).toBe(0);
    expect(count('contacts')).toBe(0);
  });
});

describe('duplicates of partners already there', () => {
  it('skips them by default, merges them on request', async () => {
    const first = await open('liste.csv', csvText(';', ROWS.slice(0, 1)));
    await importAll(first);
    expect(count('contacts')).toBe(1);

    const second = await open('liste2.csv', csvText(';'));
    const preview = await t.call('partnerImport.preview', { token: second.token, mapping: second.mapping });
    expect(preview.duplicates).toBe(1);
    expect(preview.groups[0]!.duplicateOf).toMatchObject({ name: 'Amicale du Nid – Bordeaux', reason: 'même nom et même commune' });
    const skipped = await importAll(second);
    expect(skipped).toMatchObject({ partnersCreated: 2, partnersSkipped: 1, contactsCreated: 1 });
    expect(count('contacts')).toBe(2);

    const third = await open('liste3.csv', csvText(';'));
    const merged = await t.call('partnerImport.commit', {
      token: third.token,
      mapping: third.mapping,
      onDuplicate: 'skip',
      choices: [{ line: 2, action: 'merge' }],
    });
    // Hélène is already there; Jérôme is added. The two others are skipped.
    expect(merged).toMatchObject({ partnersMerged: 1, partnersSkipped: 2, partnersCreated: 0, contactsCreated: 1 });
    expect(db().prepare("SELECT c.first_name FROM contacts c JOIN partners p ON p.id = c.partner_id WHERE p.name LIKE 'Amicale%' ORDER BY 1").pluck().all()).toEqual(['Hélène', 'Jérôme']);
  });

  it('finds a duplicate by SIRET even under another name', async () => {
    await t.call('partners.create', { name: 'CIDFF 33', type: 'association_sortie', siret: '73282932000074', commune: 'Bordeaux' });
    const opened = await open('siret.csv', 'Structure;SIRET;Commune\nCentre d’information sur les droits des femmes;732 829 320 00074;Bordeaux\n');
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(preview.groups[0]!.duplicateOf).toMatchObject({ name: 'CIDFF 33', reason: 'même SIRET' });
  });
});

describe('export and re-import', () => {
  async function seed() {
    const a = await t.call('partners.create', {
      name: 'Amicale du Nid – Bordeaux',
      type: 'association_sortie',
      domains: ['accompagnement', 'hebergement'],
      address: '12, rue Élie-Gintrac\nBâtiment B',
      postcode: '33000',
      commune: 'Bordeaux',
      website: 'www.amicaledunid.org',
      siret: '73282932000074',
      notes: 'Convention « parcours de sortie » ; renouvelée en 2025',
    });
    await t.call('contacts.create', {
      partnerId: a.id,
      civility: 'Mme',
      firstName: 'Hélène',
      lastName: 'Desfontaines',
      role: 'Directrice',
      email: 'helene@amicaledunid.org',
      phone: '+33 5 56 00 00 01',
      isMember: true,
      source: 'Annuaire de la préfecture',
      confirmedOn: '2025-11-05',
      notes: '=à relancer',
    });
    await t.call('contacts.create', { partnerId: a.id, lastName: 'Leclerc', firstName: 'Jérôme', phone: '0556000002' });
    await t.call('partners.create', { name: 'Parquet de Bordeaux', type: 'parquet', domains: ['justice'], commune: 'Bordeaux' });
    await t.call('partners.create', { name: 'Collège Jean-Moulin', type: 'education', domains: ['prevention', 'reperage'], postcode: '01000', commune: 'Bourg-en-Bresse' });
  }

  it.each(['csv', 'xlsx'] as const)('an exported %s file re-imports to the same data', async (format) => {
    await seed();
    const target = join(t.dir, `export.${format}`);
    t.os.queueSaveFile(target);
    expect(await t.call('partners.export', { format })).toEqual({ path: target });
    const before = { partners: partnersInDb(), contacts: contactsInDb() };
    if (format === 'csv') {
      const text = readFileSync(target, 'utf8');
      expect(text.startsWith('\uFEFFStructure;Type;Domaines d’intervention;')).toBe(true);
      expect(text).toContain("'=à relancer");
    } else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(target);
      expect(wb.worksheets[0]!.getCell('A1').value).toBe('Structure');
      expect(wb.worksheets[0]!.getCell('A1').font?.bold).toBe(true);
    }

    const other = createTestRouter();
    try {
      await other.call('app.createCommission', { departmentCode: '33' });
      other.os.queueOpenFile(target);
      const opened = (await other.call('partnerImport.open'))!;
      expect(opened.mapping.filter(Boolean)).toHaveLength(opened.headers.length - 0);
      const preview = await other.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
      expect(preview).toMatchObject({ errors: 0, warnings: 0, duplicates: 0 });
      await other.call('partnerImport.commit', { token: opened.token, mapping: opened.mapping });
      const odb = other.session.require().db;
      expect(odb.prepare('SELECT name, type, domains, address, postcode, commune, website, siret, notes FROM partners ORDER BY name, commune').all()).toEqual(before.partners);
      expect(
        odb
          .prepare(
            `SELECT p.name AS structure, c.civility, c.first_name, c.last_name, c.role, c.email, c.phone, EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id AND m.to_on IS NULL) AS is_member, c.source, c.confirmed_on, c.notes
             FROM contacts c JOIN partners p ON p.id = c.partner_id ORDER BY p.name, c.last_name`,
          )
          .all(),
      ).toEqual(before.contacts);
    } finally {
      other.cleanup();
    }

    // Into the same commission: every structure is a duplicate, skipping changes nothing.
    t.os.queueOpenFile(target);
    const again = (await t.call('partnerImport.open'))!;
    expect(await importAll(again)).toMatchObject({ partnersCreated: 0, partnersSkipped: 3 });
    expect(await importAll((await open(`encore.${format}`, readFileSync(target))), 'merge')).toMatchObject({ partnersMerged: 0, partnersUnchanged: 3, contactsCreated: 0 });
    expect({ partners: partnersInDb(), contacts: contactsInDb() }).toEqual(before);
  });
});

describe('what an import really changes', () => {
  const changeCount = () => count('change_log');
  const stamps = () => db().prepare('SELECT name, updated_at FROM partners ORDER BY name').all();

  it('merging the same file again says there is nothing to change, and writes nothing', async () => {
    await importAll(await open('annuaire.csv', girondeCsv()));
    const before = { changes: changeCount(), stamps: stamps(), partners: partnersInDb(), contacts: contactsInDb() };
    t.clock.advance(86_400_000);

    const again = await open('annuaire.csv', girondeCsv());
    const preview = await t.call('partnerImport.preview', { token: again.token, mapping: again.mapping });
    expect(preview.groups.map((g) => [g.changesIfMerged, g.contactsNewIfMerged])).toEqual(preview.groups.map(() => [[], 0]));
    const planned = plannedImport(preview, () => 'merge');
    expect(planned).toMatchObject({ merged: [], unchanged: 8, contacts: 0, warnings: 0, ignored: GIRONDE_ROWS.length });

    const summary = await importAll(again, 'merge');
    expect(summary).toEqual({ partnersCreated: 0, partnersMerged: 0, partnersUnchanged: 8, partnersSkipped: 0, contactsCreated: 0, warnings: 0 });
    expect({ changes: changeCount(), stamps: stamps(), partners: partnersInDb(), contacts: contactsInDb() }).toEqual(before);
  });

  it('a merge that fills a field says which, writes one history entry and moves « modifiée le »', async () => {
    await importAll(await open('a.csv', 'Structure;Commune\nCHRS Le Lien;Mérignac\n'));
    const changes = changeCount();
    t.clock.advance(86_400_000);
    const opened = await open('b.csv', 'Structure;Commune;Adresse\nCHRS Le Lien;Mérignac;4, allée des Pins\n');
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(preview.groups[0]!.changesIfMerged).toEqual(['Adresse']);
    expect(await importAll(opened, 'merge')).toMatchObject({ partnersMerged: 1, partnersUnchanged: 0 });
    expect(changeCount()).toBe(changes + 1);
    expect(db().prepare('SELECT address, updated_at FROM partners').get()).toEqual({ address: '4, allée des Pins', updated_at: t.clock.iso() });
  });

  it('warnings of rows left aside are counted apart from those of the rows written', async () => {
    await importAll(await open('a.csv', 'Structure;Type;Commune\nCHRS Le Lien;Foyer de nuit;Mérignac\n'));
    const opened = await open('b.csv', 'Structure;Type;Commune\nCHRS Le Lien;Foyer de nuit;Mérignac\nCHRS La Halte;Foyer de nuit;Mérignac\n');
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    // « Foyer de nuit » is understood as « Hébergement » with a warning on both rows; the first row's structure is already there.
    expect(preview.warnings).toBe(2);
    expect(plannedImport(preview, () => 'skip')).toMatchObject({ warnings: 1, ignored: 1, ignoredWithWarning: 1 });
    expect(await importAll(opened)).toMatchObject({ partnersCreated: 1, partnersSkipped: 1, warnings: 1 });
  });

  it('refuses a check date after today (Paris): the contact is imported, to be reconfirmed, with a warning on its row', async () => {
    const today = parisToday(t.clock.now());
    const tomorrow = formatDate(addDays(today, 1));
    const opened = await open('dates.csv', `Structure;Type;Nom du contact;Mis à jour le\nCHRS Le Lien;CHRS;Mme Anne Roux;${formatDate(today)}\nCHRS Le Lien;CHRS;M. Paul Vidal;${tomorrow}\n`);
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(preview.rows.map((r) => r.messages.map((m) => m.text))).toEqual([
      [],
      [`Date de confirmation ${tomorrow} postérieure à aujourd’hui : ignorée, le contact sera à reconfirmer.`],
    ]);
    await importAll(opened);
    expect(db().prepare('SELECT last_name, confirmed_on FROM contacts ORDER BY last_name').all()).toEqual([
      { last_name: 'Roux', confirmed_on: today },
      { last_name: 'Vidal', confirmed_on: null },
    ]);
  });

  it('a type read from the structure’s name is applied with a warning, never silently', async () => {
    const opened = await open('sans-type.csv', 'Structure;Commune\nPréfecture de la Gironde;Bordeaux\nLes Amis du Quartier;Bordeaux\n');
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(preview.rows.map((r) => [r.level, r.messages.map((m) => m.text)])).toEqual([
      ['warning', ['Type absent : « Préfecture » déduit du nom de la structure ; vérifiez-le.']],
      ['ok', []],
    ]);
    await importAll(opened);
    expect(db().prepare('SELECT name, type FROM partners ORDER BY name').all()).toEqual([
      { name: 'Les Amis du Quartier', type: 'autre' },
      { name: 'Préfecture de la Gironde', type: 'prefecture' },
    ]);
  });

  it('a switchboard number is kept as the structure’s, not copied to every contact', async () => {
    const opened = await open(
      'standard.csv',
      [
        'Structure;Type;Nom du contact;Téléphone;Standard',
        'Amicale du Nid 33;Association agréée;Mme Anne Roux;05 56 00 00 00;',
        'Amicale du Nid 33;Association agréée;M. Paul Vidal;0556000000;',
        'Amicale du Nid 33;Association agréée;Mme Lise Marty;06 12 34 56 78;',
        'CHRS Le Lien;CHRS;;05 57 11 11 11;',
        'Maison des femmes;Santé;Mme Inès Bakri;05 57 22 22 22;05 57 22 22 22',
      ].join('\n') + '\n',
    );
    expect(opened.mapping).toEqual(['name', 'type', 'fullName', 'phone', 'switchboard']);
    const preview = await t.call('partnerImport.preview', { token: opened.token, mapping: opened.mapping });
    expect(preview.rows.map((r) => r.messages.map((m) => m.text))).toEqual([
      ['Le 05 56 00 00 00 est donné pour 2 contacts de la structure : c’est son standard, noté dans ses notes et non comme téléphone de chaque contact.'],
      ['Le 05 56 00 00 00 est donné pour 2 contacts de la structure : c’est son standard, noté dans ses notes et non comme téléphone de chaque contact.'],
      [],
      ['Téléphone sans nom de contact : noté comme standard dans les notes de la structure.'],
      [],
    ]);
    await importAll(opened);
    expect(db().prepare('SELECT name, notes FROM partners ORDER BY name').all()).toEqual([
      { name: 'Amicale du Nid 33', notes: 'Standard : 05 56 00 00 00' },
      { name: 'CHRS Le Lien', notes: 'Standard : 05 57 11 11 11' },
      { name: 'Maison des femmes', notes: 'Standard : 05 57 22 22 22' },
    ]);
    expect(db().prepare('SELECT last_name, phone FROM contacts ORDER BY last_name').all()).toEqual([
      { last_name: 'Bakri', phone: null },
      { last_name: 'Marty', phone: '06 12 34 56 78' },
      { last_name: 'Roux', phone: null },
      { last_name: 'Vidal', phone: null },
    ]);
  });

  it('shows Excel’s dates as dd/mm/yyyy in the samples', async () => {
    const opened = await open('annuaire.xlsx', await girondeXlsx());
    expect(opened.samples.map((r) => r[10])).toEqual(['12/01/2026', '15/01/2026', '03/12/2025']);
  });

  it('a partner or a contact saved as it was writes no history and keeps « modifiée le »', async () => {
    await importAll(await open('annuaire.csv', girondeCsv()));
    const partner = db().prepare("SELECT id FROM partners WHERE name = 'Amicale du Nid 33'").pluck().get() as string;
    const detail = await t.call('partners.get', { id: partner });
    const changes = changeCount();
    t.clock.advance(3_600_000);
    const { id, name, type, domains, address, postcode, commune, website, siret, notes, agrementOn, agrementYears, agrementPrefecture } = detail;
    const saved = await t.call('partners.update', { id, name, type, domains, address, postcode, commune, website, siret, notes, agrementOn, agrementYears, agrementPrefecture });
    expect(saved.updatedAt).toBe(detail.updatedAt);
    const c = detail.contacts[0]!;
    const contact = await t.call('contacts.update', {
      id: c.id, civility: c.civility, firstName: c.firstName, lastName: c.lastName, role: c.role, email: c.email, phone: c.phone,
      isMember: c.isMember, memberTitle: 'commission', receivesReturns: c.receivesReturns, source: c.source, confirmedOn: c.confirmedOn, notes: c.notes,
    });
    expect(contact.updatedAt).toBe(c.updatedAt);
    expect(changeCount()).toBe(changes);
    await t.call('partners.update', { id, name, type, domains, address, postcode, commune, website, siret, notes: 'Nouvelle note', agrementOn, agrementYears, agrementPrefecture });
    expect(changeCount()).toBe(changes + 1);
  });
});
