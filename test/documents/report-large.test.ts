/**
 * The bilan of a large commission stays short: the large demo's report of the current year (its
 * largest: every fiche still under way, sessions held and to come) opened by LibreOffice with each
 * font set, its pages counted by pdfinfo. The demo takes a few seconds to generate, LibreOffice a
 * few more per font set: cheap enough to check the real document rather than an estimate of it.
 * The same figure printed in two places is read in both and found equal; the bilan of the previous
 * year tells that year as it stood (its sessions, its members).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parisDate } from '../helpers/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/main/features/demo';
import { actionStatuses, meteos } from '../../src/shared/labels';
import { convertAllToPdf, pdfPageCount, pdfText, pdfToPngs, pdfWords, type FontSet, type PdfWord } from '../helpers/libreoffice';
import { createTestRouter, type TestRouter } from '../helpers/router';
import { typographyDefects } from '../helpers/typography-check';

const ARTIFACTS = join('test-artifacts', 'documents');
const FONTS: FontSet[] = ['liberation', 'dejavu'];
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('bilan of the large demo', () => {
  let t: TestRouter;
  let out: string;
  const pdfs = new Map<FontSet, { raw: string; pages: number; words: PdfWord[][] }>();
  /** The bilan of 2025, produced on the same day: a past year. */
  const past = new Map<FontSet, string>();

  beforeAll(async () => {
    t = createTestRouter({ now: '2026-11-29T09:00:00.000Z' });
    out = mkdtempSync(join(tmpdir(), 'maillage-report-large-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    await t.session.create({ departmentCode: '33', name: null }, t.clock.now());
    const db = t.session.require().db;
    generateDemo(db, { size: 'large', today: t.clock.now() });
    // A member named this year: today's composition has her, the plenaries of 2025 did not.
    const prefecture = db.prepare("SELECT id FROM partners WHERE type = 'prefecture' ORDER BY name LIMIT 1").pluck().get() as string;
    const newcomer = await t.call('contacts.create', { partnerId: prefecture, civility: 'Mme', firstName: 'Anaïs', lastName: 'Nouvellet', role: 'Sous-préfète chargée de mission' });
    await t.call('composition.appoint', { contactIds: [newcomer.id], title: 'commission', fromOn: '2026-11-02' });
    t.os.queueSaveFile(join(out, 'bilan-2026.docx'));
    const report = (await t.call('reports.generate', { from: '2026-01-01', to: '2026-12-31' }))!;
    t.os.queueSaveFile(join(out, 'bilan-2025.docx'));
    const before = (await t.call('reports.generate', { from: '2025-01-01', to: '2025-12-31' }))!;
    for (const fonts of FONTS) {
      const dir = join(out, fonts);
      mkdirSync(dir);
      const [pdf, pastPdf] = await convertAllToPdf([report.filePath, before.filePath], dir, fonts);
      pdfs.set(fonts, { raw: await pdfText(pdf!), pages: await pdfPageCount(pdf!), words: await pdfWords(pdf!) });
      past.set(fonts, await pdfText(pastPdf!));
      await pdfToPngs(pdf!, join(ARTIFACTS, `bilan-large-${fonts}`), 40);
      await pdfToPngs(pastPdf!, join(ARTIFACTS, `bilan-large-2025-${fonts}`), 40);
    }
  }, 400_000);

  afterAll(() => {
    t.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  it('is at most 40 pages with annex A, about 20 before it, with either font set', () => {
    for (const fonts of FONTS) {
      const { raw, pages } = pdfs.get(fonts)!;
      const annex = raw.split('\f').findIndex((page) => /^Annexe A – Les fiches actions en une ligne$/m.test(page)) + 1;
      expect(pages, fonts).toBeLessThanOrEqual(40);
      expect(annex, fonts).toBeGreaterThan(3);
      // The main document: the cover, the sommaire and the parts, before annex A.
      expect(annex - 1, fonts).toBeLessThanOrEqual(22);
    }
  });

  it('shows the objectives of the 2024 strategy, the parcours de sortie, the data date, and only the sessions held', () => {
    const text = flat(pdfs.get('liberation')!.raw);
    for (const expected of [
      'Données arrêtées au 29 novembre 2026',
      'Objectif 1 – Sensibiliser, communiquer, prévenir et repérer',
      'Objectif 2 – Orienter, accompagner et prendre en charge',
      'Objectif 3 – Améliorer la connaissance du phénomène',
      'Objectif 4 – Assurer une meilleure coordination au niveau local',
      'Parcours de sortie de la prostitution',
      // The year is under way: people in a parcours are counted on the day the data stop, not forecast on 31 December.
      'Personnes en parcours le 29/11/2026 (le dernier jour pour la période précédente)',
      'personnes en parcours au 29/11/2026 ;',
      'Les séances à venir ne sont pas comptées.',
      'la liste complète est en annexe A',
    ]) {
      expect(text).toContain(expected);
    }
    // The sessions table lists none after the day the report is produced.
    const sessions = pdfs.get('liberation')!.raw.split(/^\d+\. Séances de la commission$/m)[1]!.split(/^Suites à donner encore ouvertes$/m)[0]!;
    const dates = [...sessions.matchAll(/\b(\d{2})\/(\d{2})\/2026\b/g)].map((m) => `2026-${m[2]}-${m[1]}`);
    expect(dates.length).toBeGreaterThan(5);
    expect(dates.every((d) => d <= '2026-11-29')).toBe(true);
    // Nothing is « dépassé » that is still to come: the protocols' deadlines passed are all before that day.
    const passed = [...text.matchAll(/\b(\d{2})\/(\d{2})\/(\d{4}) Échéance dépassée/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}`);
    expect(passed.length).toBeGreaterThan(0);
    expect(passed.every((d) => d < '2026-11-29')).toBe(true);
    expect(text).toMatch(/\b(0[1-9]|[12]\d|3[01])\/12\/2026 Révision à venir/);
  });

  it('keeps French typography with either font set', () => {
    for (const fonts of FONTS) expect(typographyDefects(pdfs.get(fonts)!.raw, { figureCells: true }), fonts).toEqual([]);
  });

  it('prints each figure with one value wherever it appears', () => {
    for (const [year, raw] of [['2026', pdfs.get('liberation')!.raw], ['2025', past.get('liberation')!]] as const) {
      const text = flat(raw);
      // pdftotext writes a thousands separator as a space: « 2 000 ».
      const NUM = '(\\d{1,3}(?: \\d{3})*)';
      const n = (s: string) => Number(s.replace(/ /g, ''));
      const re = (source: string) => new RegExp(source.replace(/#/g, NUM));
      const inText = (p: RegExp) => {
        const m = text.match(p);
        expect(m, `${year} : introuvable (${p})`).not.toBeNull();
        return n(m![1]!);
      };
      /**
       * The figures of a table row « label, this period, the previous one, change »: its cells run into one another
       * (« 2 000 1 716 +284 », « 233 166 +67 »), the change says where the first one ends.
       */
      const row = (label: string): [number, number] => {
        const m = text.match(new RegExp(`${label.replace(/[()]/g, '\\$&')} ((?:\\d+ )+)([+−]\\d{1,3}(?: \\d{3})*|=)(?: |$)`));
        expect(m, `${year} : ligne « ${label} » introuvable`).not.toBeNull();
        const cells = m![1]!.trim().split(' ');
        const change = m![2] === '=' ? 0 : (m![2]!.startsWith('−') ? -1 : 1) * n(m![2]!.slice(1));
        const grouped = (parts: string[]) => parts.length > 0 && parts[0]!.length <= 3 && parts.slice(1).every((p) => p.length === 3);
        const splits = cells.map((_, k) => [cells.slice(0, k), cells.slice(k)]).filter(([a, b]) => grouped(a!) && grouped(b!) && n(a!.join('')) - n(b!.join('')) === change);
        expect(splits, `${year} : ligne « ${label} » : ${m![0]}`).toHaveLength(1);
        return [n(splits[0]![0]!.join('')), n(splits[0]![1]!.join(''))];
      };
      /** The same figure, read in every place: all equal. */
      const same = (what: string, ...places: (RegExp | number)[]) => {
        const found = places.map((p) => (typeof p === 'number' ? p : inText(p)));
        expect(new Set(found).size, `${year} : ${what} ${found.join(' / ')}`).toBe(1);
        return found[0]!;
      };
      const followed = same('fiches suivies', re('engagées ou réalisées \\(\\d+ sur #\\)'), row('Fiches actions suivies')[0], re('Une ligne par fiche action suivie sur la période \\(# fiches\\)'));
      expect(followed).toBeGreaterThan(50);
      same('fiches engagées', re('engagées ou réalisées \\(# sur'), row('Fiches engagées ou réalisées en fin de période')[0]);
      same('avancement moyen', re('l’avancement moyen atteint # %'), re('Avancement moyen en fin de période # %'));
      // LibreOffice writes this row's label after its cells: the row is the key figures' one pair of « n sur m ».
      same('indicateurs atteints', re('# indicateurs? sur \\d+ dotés?'), re('# sur \\d+ \\d+ sur \\d+ '));
      const plenaries = same('plénières', re('La commission a tenu # séances? plénières?'), row('Séances plénières tenues')[0]);
      const others = same('autres séances', re('plénières? et # autres? séances?'), row('Autres séances tenues')[0]);
      same('séances tenues', re('# séances? tenues? pendant la période'), plenaries + others);
      // The key figures name fiches in difficulty as part 3 counts them, and their météo and late parts as L’essentiel does.
      const inDifficulty = same('fiches en difficulté', re('Point d’attention : # fiches? (?:est|sont) en difficulté'), row('Fiches en difficulté (suspendues, en retard ou sous une météo nuage ou orage)')[0], re('Fiches en difficulté # fiches? (?:est|sont) en difficulté'));
      const troubled = same('météo nuage ou orage', re('# (?:est|sont) sous une météo nuage ou orage'), row('dont sous une météo nuage ou orage')[0], re('Arbitrer les appuis demandés par # fiches?'));
      const overdue = same('date de fin dépassée', re('dont # (?:a|ont) dépassé'), row('dont date de fin dépassée')[0], re('Revoir le calendrier de # fiches?'));
      expect(troubled).toBeLessThanOrEqual(inDifficulty);
      expect(overdue).toBeLessThanOrEqual(inDifficulty);
      same('protocoles à réviser', re('# protocoles ou conventions sont à réviser'), re('signés? pendant la période ; # à réviser'), re('renouvellement de # protocoles'));
      same('protocoles signés', row('Protocoles et conventions signés')[0], re('# protocoles ou conventions signés pendant la période'));
      const [partners, partnersBefore] = row('Structures du réseau partenarial');
      same('structures', partners, re('le réseau compte # structures'));
      same('structures, période précédente', partnersBefore, re('structures \\(# à la fin de la période précédente\\)'));
      // The parcours de sortie: L’essentiel against the part's table.
      same('premières demandes', re('prostitution : # premières? demandes?'), row('Premières demandes reçues')[0]);
      same('renouvellements', re('et # renouvellements? ;'), row('Demandes de renouvellement reçues')[0]);
      const favourable = same('avis favorables', re('avis rendus?, dont # favorables?'), row('Avis favorables de la commission')[0]);
      same('avis rendus', re('# avis rendus?'), favourable + row('Avis défavorables')[0]);
      same('personnes en parcours', re('# personnes? en parcours au'), re('Personnes en parcours le (?:dernier jour|\\d{2}/\\d{2}/\\d{4} \\(le dernier jour pour la période précédente\\)) # '));
      same('personnes entrées en parcours, en cumul', re('# personnes? entrées? en parcours depuis'), row('Personnes entrées en parcours, en cumul')[0]);
      // No fiche indicator adds up a figure the register counts.
      const indicators = text.split('Indicateurs au regard des cibles')[2]!.split('2. Avancement par référentiel')[0]!;
      expect(indicators).toContain('ne sont pas repris : les registres de la commission les comptent');
      expect(indicators).not.toMatch(/(Parcours de sortie en cours|Avis favorables|Demandes de parcours de sortie examinées) \d/);
    }
  });

  it('tells a past year as it stood: no session after it, its members as appointed on its last day', () => {
    const before = flat(past.get('liberation')!);
    const now = flat(pdfs.get('liberation')!.raw);
    // The year under way names its next session; 2025, over, names none after its end.
    expect(now).toMatch(/Prochaine séance : [^.]* du \d{2}\/\d{2}\/2026/);
    expect(before).not.toContain('Prochaine séance');
    // A session named then dated (« comité technique du 14/01/2025 ») or dated then named, as the table of sessions has it.
    const sessionDates = [
      ...[...before.matchAll(/(?:[Ss]éance|[Cc]omité technique|[Gg]roupe de travail|[Ff]ormation restreinte)[^.;]{0,80}?\b(?:du|le) (\d{2})\/(\d{2})\/(\d{4})/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}`),
      ...[...before.matchAll(/\b(\d{2})\/(\d{2})\/(\d{4}) (?:Séance|Comité technique|Groupe de travail|Formation restreinte)/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}`),
    ];
    expect(sessionDates.length).toBeGreaterThan(0);
    expect(sessionDates.filter((d) => d > '2025-12-31')).toEqual([]);
    const held = before.split(/\d\. Séances de la commission/)[2]!.split('Suites à donner encore ouvertes')[0]!;
    expect([...held.matchAll(/\b\d{2}\/\d{2}\/(\d{4})\b/g)].map((m) => m[1]).filter((y) => y !== '2025')).toEqual([]);
    // Today's composition in the year under way, the one of 31/12/2025 in 2025.
    expect(now).toContain('Mme Anaïs Nouvellet');
    expect(before).not.toContain('Nouvellet');
    expect(before).toContain('Composition de la commission au 31/12/2025, d’après les nominations enregistrées.');
    const sitting = (text: string) => Number(text.match(/(\d+) personnes siègent à la commission/)![1]);
    // Each counts the appointments in force on its day: the decree of 30 December 2025 added members in 2026.
    const inForce = (day: string) =>
      t.session.require().db.prepare('SELECT count(*) FROM seat_members m WHERE (m.from_on IS NULL OR m.from_on <= @day) AND (m.to_on IS NULL OR m.to_on > @day)').pluck().get({ day }) as number;
    expect(sitting(before)).toBe(inForce('2025-12-31'));
    expect(sitting(now)).toBe(inForce(parisDate(0, t.clock.now())));
    expect(sitting(now)).toBeGreaterThan(sitting(before));
  });

  it('keeps the words of annex A whole with either font set', () => {
    // Right of the fiche's name, annex A holds only a status, a météo and a progress: each word whole.
    const whole = new Set(['Statut', 'Météo', 'Avanc.', '–', '%', ...[...actionStatuses.codes.map((c) => actionStatuses.labels[c]), ...meteos.codes.map((c) => meteos.labels[c])].flatMap((l) => l.split(' '))]);
    for (const fonts of FONTS) {
      const { raw, words } = pdfs.get(fonts)!;
      const pages = raw.split('\f');
      const first = pages.findIndex((page) => /^Annexe A – Les fiches actions en une ligne$/m.test(page));
      const last = pages.findIndex((page) => /Protocoles et conventions : les listes complètes/.test(page));
      const statusColumn = Math.min(...words[first]!.filter((w) => w.text === 'Statut').map((w) => w.xMin));
      const strays = words
        .slice(first, last === -1 ? undefined : last)
        .flat()
        .filter((w) => w.xMin >= statusColumn - 1 && w.yMin > 60 && w.yMin < 780 && !whole.has(w.text) && !/^\d+(\s?%)?$/.test(w.text));
      expect(strays.map((w) => w.text), fonts).toEqual([]);
    }
  });
});
