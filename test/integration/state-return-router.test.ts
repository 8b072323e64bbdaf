/**
 * The yearly return and the consolidation through the router, as the screens call them: a year not over
 * refused with its reason, the preview holding the package's own rows, the folder chosen in a dialog and
 * kept under a token, a folder of the commission's own files refused, the written return checked; the
 * consolidation without any commission open, its synthesis and workbook written where the save dialog says.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesDir } from '../../src/main/commission-file/commission';
import { generateDemo } from '../../src/main/features/demo';
import { renderStateReturn } from '../../src/main/features/state-return/package';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeAll(async () => {
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '2A', name: null });
  generateDemo(t.session.require().db, { size: 'small', today: t.clock.now() });
}, 60_000);
afterAll(() => t.cleanup());

describe('the yearly return through the router', () => {
  it('refuses the year under way with its reason and previews a finished one with the rows of its package', async () => {
    const { current } = await t.call('stateReturn.years');
    expect(current).toBe(2026);
    const refused = await t.callError('stateReturn.preview', { year: 2026 });
    expect(refused.message).toBe('L’année 2026 n’est pas terminée : la remontée annuelle porte sur une année close (au plus tard 2025).');

    const preview = await t.call('stateReturn.preview', { year: 2025 });
    expect(preview).toMatchObject({ year: 2025, departementCode: '2A', departementName: 'Corse-du-Sud', regionName: 'Corse' });
    expect(preview.files).toEqual(['remontee-annuelle-2025-D2A.csv', 'datapackage.json', 'remontee-annuelle-2025-D2A.xlsx', 'remontee-annuelle-2025-D2A-courrier.docx']);
    const { db, path } = t.session.require();
    const { stateReturn } = await renderStateReturn(db, path, 2025, t.clock.now());
    const shown = preview.themes.flatMap((th) => th.lines.flatMap((l) => [l.now === null ? [] : [`${l.id}|2025-12-31|${l.valueType}|${l.now}`], l.before === null ? [] : [`${l.id}|2024-12-31|${l.valueType}|${l.before}`]].flat()));
    expect(shown.sort()).toEqual(stateReturn.rows.map((r) => `${r.indicator_id}|${r.date}|${r.value_type}|${r.value}`).sort());
  });

  it('writes into the folder chosen, never into the commission’s own folder, and checks what it wrote', async () => {
    const inside = join(filesDir(t.session.require().path), 'remontee');
    mkdirSync(inside, { recursive: true });
    t.os.queueOpenFile(inside);
    const refusedFolder = await t.call('stateReturn.pickFolder');
    const refused = await t.callError('stateReturn.write', { token: refusedFolder!.token, year: 2025 });
    expect(refused.message).toContain('réservé à Maillage');
    expect(readdirSync(inside)).toEqual([]);

    t.os.queueOpenFile(null);
    expect(await t.call('stateReturn.pickFolder')).toBeNull();

    const folder = join(t.dir, 'envoi');
    mkdirSync(folder);
    t.os.queueOpenFile(folder);
    const chosen = await t.call('stateReturn.pickFolder');
    expect(chosen!.folder).toBe(folder);
    expect(t.os.dialogs.at(-1)).toMatchObject({ kind: 'folder', title: 'Dossier où enregistrer la remontée annuelle' });
    // Checking before anything was written says so.
    expect((await t.callError('stateReturn.check', { token: chosen!.token })).code).toBe('not_found');
    const written = await t.call('stateReturn.write', { token: chosen!.token, year: 2025 });
    expect(written.files.sort()).toEqual(readdirSync(folder).sort());
    const check = await t.call('stateReturn.check', { token: chosen!.token });
    expect(check).toEqual({ valid: true, summary: expect.stringMatching(/^année 2025, D2A, \d+ lignes$/), errors: [] });
    await t.call('stateReturn.showFolder', { token: chosen!.token });
    expect(t.os.shownInFolder.at(-1)).toBe(join(folder, 'datapackage.json'));
    // The token of the first choice went with the second.
    expect((await t.callError('stateReturn.write', { token: refusedFolder!.token, year: 2025 })).code).toBe('not_found');
  });

  it('consolidates a folder without a commission open and writes the synthesis and the workbook beside it', async () => {
    t.session.close();
    t.os.queueOpenFile(join(t.dir, 'envoi'));
    const chosen = await t.call('consolidation.pickFolder');
    const found = await t.call('consolidation.read', { token: chosen!.token });
    expect(found).toMatchObject({ year: 2025, scope: 'Région Corse', filesExamined: 1, setAside: [], duplicates: [], missing: [{ code: '2B', name: 'Haute-Corse' }] });
    expect(found.accepted).toEqual([{ code: '2A', name: 'Corse-du-Sud', region: 'Corse', file: 'datapackage.json', createdOn: t.clock.iso().slice(0, 10) }]);
    expect(found.mapChoices.flatMap((g) => g.indicators.map((i) => i.id))).toContain(found.defaultMap);

    // Writing before choosing where is refused; cancelling the save dialog writes nothing.
    expect((await t.callError('consolidation.write', { token: chosen!.token, mapIndicator: found.defaultMap })).code).toBe('not_found');
    t.os.queueSaveFile(null);
    expect(await t.call('consolidation.pickTarget', { token: chosen!.token })).toBeNull();
    const target = join(t.dir, 'synthese');
    t.os.queueSaveFile(target);
    const paths = await t.call('consolidation.pickTarget', { token: chosen!.token });
    // A name typed without its extension gets it, and the workbook takes the same name.
    expect(paths).toEqual({ synthesis: `${target}.docx`, workbook: `${target}.xlsx` });
    expect((await t.callError('consolidation.write', { token: chosen!.token, mapIndicator: 'pas_un_indicateur' })).code).toBe('validation');
    expect(await t.call('consolidation.write', { token: chosen!.token, mapIndicator: 'parcours_premieres_demandes' })).toEqual(paths);
    expect(existsSync(`${target}.docx`) && existsSync(`${target}.xlsx`)).toBe(true);
    expect(t.os.openedPaths).toEqual([`${target}.docx`]);
    expect(t.logged).toEqual([]);
  });

  it('says why a folder without any valid return gives nothing to consolidate', async () => {
    const folder = join(t.dir, 'rien');
    mkdirSync(folder);
    writeFileSync(join(folder, 'tableau.csv'), 'indicator_id;value\r\nseances_tenues;3\r\n');
    t.os.queueOpenFile(folder);
    const chosen = await t.call('consolidation.pickFolder');
    const refused = await t.callError('consolidation.read', { token: chosen!.token });
    expect(refused.message).toMatch(/^Aucune remontée valide dans .* \(1 fichier examiné\)\. Par exemple, tableau\.csv : Ligne 1 : colonne manquante « indicator_label »\.$/);
  });
});
