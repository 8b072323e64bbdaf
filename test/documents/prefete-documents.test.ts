/**
 * A commission whose préfète is a woman: every document it produces — convocation, letters, minutes, relevé de
 * décisions, attendance sheet, relevé d'avis, bilan — says « la préfète », read in the text LibreOffice gives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMeetingDocument } from '../../src/main/features/meetings/documents';
import { renderReleve } from '../../src/main/features/parcours/releve';
import { convertAllToPdf, pdfText } from '../helpers/libreoffice';
import { createTestRouter, type TestRouter } from '../helpers/router';

const AFTER = new Date('2026-04-10T09:00:00Z');
const KINDS = ['convocation', 'lettres', 'compte_rendu', 'releve', 'emargement'] as const;
/** Any masculine form of the préfet's title, as the documents would print it. */
const MASCULINE = /\b(?:[Ll]e|du|au) préfet\b|Monsieur le préfet|Pour le préfet|[Pp]résident de la commission/;

describe('documents of a commission whose préfète is a woman, opened by LibreOffice', () => {
  let t: TestRouter;
  let out: string;
  const texts = new Map<string, string>();

  beforeAll(async () => {
    t = createTestRouter({ now: new Date('2026-03-02T09:00:00Z') });
    out = mkdtempSync(join(tmpdir(), 'maillage-prefete-'));
    await t.call('app.createCommission', { departmentCode: '33', name: null });
    await t.call('settings.update', {
      name: 'Commission départementale de lutte contre la prostitution – Gironde',
      departmentCode: '33',
      secretaryName: 'Élodie Marchand, déléguée départementale aux droits des femmes',
      prefectureCity: 'Bordeaux',
      prefectCivility: 'Mme',
      prefectName: 'Fabienne Buccio',
      signsByDelegation: false,
    });
    const police = await t.call('partners.create', { name: 'Direction interdépartementale de la police nationale', type: 'police' });
    const nid = await t.call('partners.create', { name: 'Amicale du Nid – Bordeaux', type: 'association_sortie' });
    const parquet = await t.call('partners.create', { name: 'Parquet de Bordeaux', type: 'parquet' });
    await t.call('contacts.create', { partnerId: police.id, civility: 'M.', firstName: 'Grégoire', lastName: 'Lefèvre', role: 'Commissaire divisionnaire', isMember: true });
    await t.call('contacts.create', { partnerId: nid.id, civility: 'Mme', firstName: 'Hélène', lastName: 'Desfontaines', role: 'Directrice', isMember: true });
    await t.call('contacts.create', { partnerId: parquet.id, civility: 'Mme', firstName: 'Claire', lastName: 'Aubert', role: 'Procureure de la République', isMember: true });

    // One plénière chaired by the préfète herself, one by her directrice de cabinet (who signs by delegation).
    const chaired = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-20', startTime: '14:00', place: 'Préfecture de la Gironde', chair: 'Mme la préfète de la Gironde' });
    const delegated = await t.call('meetings.create', { kind: 'pleniere', date: '2026-03-27', startTime: '10:00', place: 'Préfecture de la Gironde', chair: 'Mme Léa Vincent, directrice de cabinet' });
    const exam = await t.call('meetings.create', { kind: 'examen_parcours', date: '2026-03-24', startTime: '10:00', place: 'Préfecture de la Gironde', chair: 'Mme Léa Vincent, directrice de cabinet' });

    const files: { key: string; docx: string }[] = [];
    const { db, path } = t.session.require();
    for (const [name, m] of [['chaired', chaired], ['delegated', delegated]] as const) {
      for (const kind of KINDS) {
        const docx = join(out, `${name}-${kind}.docx`);
        writeFileSync(docx, (await renderMeetingDocument(db, path, m.id, kind, kind === 'convocation' || kind === 'lettres' ? t.clock.now() : AFTER)).bytes);
        files.push({ key: `${name}-${kind}`, docx });
      }
    }
    const releve = join(out, 'releve-avis.docx');
    writeFileSync(releve, (await renderReleve(db, path, exam.id)).bytes);
    files.push({ key: 'releve-avis', docx: releve });
    t.os.queueSaveFile(join(out, 'bilan.docx'));
    const report = (await t.call('reports.generate', { from: '2026-01-01', to: '2026-03-31' }))!;
    files.push({ key: 'bilan', docx: report.filePath });

    const pdfs = await convertAllToPdf(
      files.map((f) => f.docx),
      join(out, 'pdf'),
    );
    for (const [i, pdf] of pdfs.entries()) texts.set(files[i]!.key, (await pdfText(pdf)).replace(/\s+/g, ' '));
  }, 300_000);

  afterAll(() => {
    t?.cleanup();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('never prints a masculine form of the préfet in any document', () => {
    expect(texts.size).toBe(2 * KINDS.length + 2);
    for (const [key, text] of texts) expect(text.match(MASCULINE)?.[0] ?? null, key).toBeNull();
  });

  it('signs « La préfète » when she chairs, « Pour la préfète et par délégation » otherwise, and greets by function only where letters do', () => {
    expect(texts.get('chaired-convocation')).toContain('La préfète, Fabienne Buccio');
    expect(texts.get('chaired-lettres')).toContain('La préfète, Fabienne Buccio');
    expect(texts.get('delegated-convocation')).toContain('Pour la préfète et par délégation, La directrice de cabinet Léa Vincent');
    const letters = texts.get('delegated-lettres')!;
    expect(letters).toContain('Madame la procureure de la République,');
    expect(letters).toContain('Madame la directrice,');
    expect(letters).toContain('Monsieur le commissaire divisionnaire,');
    expect(texts.get('bilan')).toContain('À l’attention de Madame la préfète, présidente de la commission');
  });
});
