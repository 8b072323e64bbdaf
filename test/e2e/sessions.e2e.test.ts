import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeeting } from '../../src/main/features/meetings/meetings';
import { createContact, createPartner } from '../../src/main/features/partners/partners';
import { meetingCreate } from '../../src/shared/schemas/meetings';
import { formatLongDate } from '../../src/shared/wallclock';
import { convertToPdf, pdfText } from '../helpers/libreoffice';
import { expectNoAxeViolations } from './a11y';
import { parisYear } from '../helpers/clock';
import { startHarness, type Harness } from './harness';

describe('Séances in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      async setup(session) {
        const now = new Date();
        await session.create({ departmentCode: '33', name: null }, now);
        const { db } = session.require();
        const nid = createPartner(db, { name: 'Amicale du Nid – Bordeaux', type: 'association_sortie', domains: [], address: null, postcode: null, commune: null, website: null, siret: null, notes: null }, now);
        const cd = createPartner(db, { name: 'Conseil départemental de la Gironde', type: 'conseil_departemental', domains: [], address: null, postcode: null, commune: null, website: null, siret: null, notes: null }, now);
        const contact = { civility: null, role: null, email: null, phone: null, source: null, confirmedOn: null, notes: null, isMember: true };
        createContact(db, { ...contact, partnerId: nid.id, civility: 'Mme', firstName: 'Hélène', lastName: 'Desfontaines', role: 'Directrice' }, now);
        createContact(db, { ...contact, partnerId: cd.id, civility: 'Mme', firstName: 'Maëlle', lastName: 'Noël', role: 'Cheffe du service ASE' }, now);
        createContact(db, { ...contact, partnerId: cd.id, civility: 'M.', firstName: 'Loïc', lastName: 'Bénard', role: 'Directeur enfance famille' }, now);
      },
    });
  });
  afterEach(async () => {
    await h.close();
  });

  it('creates a session, marks attendance, records a decision with a follow-up and saves the minutes', async () => {
    const { page } = h;
    // The harness runs on the real clock: the session is held next year, so it is always « à venir ».
    const year = parisYear(1);
    await page.getByRole('link', { name: 'Séances' }).click();
    await page.getByRole('heading', { name: 'Aucune séance pour l’instant' }).waitFor();
    await page.getByRole('button', { name: 'Créer la première séance' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle séance' });
    await dialog.getByLabel('Date').fill(`31/04/${year}`);
    await dialog.getByLabel('Début').fill('14:30');
    await dialog.getByLabel('Fin').fill('17:00');
    await dialog.getByLabel('Lieu').fill('Préfecture de la Gironde, salle Tourny');
    await dialog.getByLabel('Présidence').fill('M. le préfet de la Gironde');
    await dialog.getByRole('button', { name: 'Créer la séance' }).click();
    await dialog.getByText('Date invalide (format attendu : jj/mm/aaaa).').waitFor();
    await dialog.getByLabel('Date').fill(`16/04/${year}`);
    await dialog.getByRole('button', { name: 'Créer la séance' }).click();
    await page.getByRole('heading', { name: `Séance plénière du 16/04/${year}` }).waitFor();
    await page.getByText('Séance créée : 3 personnes invitées.').waitFor();

    // Agenda: one item with notes and a decision with its follow-up.
    await page.getByRole('button', { name: 'Ajouter un point' }).click();
    const itemDialog = page.getByRole('dialog', { name: 'Nouveau point de l’ordre du jour' });
    await itemDialog.getByLabel('Intitulé du point').fill('Repérage des mineurs dans les hôtels');
    await itemDialog.getByLabel('Présenté par').fill('Hélène Desfontaines');
    await itemDialog.getByLabel('Durée (minutes)').fill('30');
    await itemDialog.getByRole('button', { name: 'Enregistrer le point' }).click();
    const item = page.getByRole('article', { name: 'Point 1 : Repérage des mineurs dans les hôtels' });
    await item.getByLabel('Notes de séance').fill('Douze établissements ont signé la charte.\n\nLa formation des réceptionnistes reste à organiser.');
    await item.getByRole('button', { name: 'Ajouter une décision' }).click();
    await page.getByText('Notes enregistrées.').waitFor();
    const decisionDialog = page.getByRole('dialog', { name: 'Nouvelle décision' });
    await decisionDialog.getByRole('textbox', { name: 'Décision', exact: true }).fill('La commission lance une formation des réceptionnistes d’hôtel.');
    await decisionDialog.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await item.getByText('La commission lance une formation des réceptionnistes d’hôtel.').waitFor();
    await item.getByRole('button', { name: 'Suite à donner' }).click();
    const followDialog = page.getByRole('dialog', { name: 'Nouvelle suite à donner' });
    await followDialog.getByLabel('Action à mener').fill('Programmer deux sessions de formation');
    await followDialog.getByLabel('Structure responsable').fill('amicale nid');
    await followDialog.getByRole('option', { name: /Amicale du Nid – Bordeaux/ }).click();
    await followDialog.getByLabel('Personne responsable').fill('Hélène Desfontaines');
    await followDialog.getByLabel('Échéance').fill(`30/06/${year}`);
    await followDialog.getByRole('button', { name: 'Enregistrer' }).click();
    await item.getByText(`Amicale du Nid – Bordeaux – Hélène Desfontaines · échéance 30/06/${year}`).waitFor();
    await h.screenshot('session-agenda');

    // Attendance, with the quorum following.
    await page.getByRole('link', { name: /Participants/ }).click();
    await page.getByText('Quorum non atteint pour l’instant').waitFor();
    const tally = page.getByRole('region', { name: 'Participants' }).locator('.card-header p');
    expect(await tally.textContent()).toMatch(/^\d+ présences à noter$/);
    await page.getByRole('row', { name: 'Mme Hélène Desfontaines' }).getByText('Présent', { exact: true }).click();
    await page.getByRole('row', { name: 'M. Loïc Bénard' }).getByText('Excusé', { exact: true }).click();
    await page.getByRole('row', { name: 'Mme Maëlle Noël' }).getByText('Suppléant', { exact: true }).click();
    const delegate = page.getByLabel('Suppléant de Mme Maëlle Noël');
    await delegate.fill('Yannick Roux, adjoint');
    await delegate.press('Enter');
    await page.getByText('Quorum atteint').waitFor();
    expect(await tally.textContent()).toMatch(/^Présent : 1 · Représenté par son suppléant : 1 · Excusé : 1( · \d+ présences? à noter)?$/);
    await h.screenshot('session-attendance');

    // The minutes, saved where the (fake) dialog says, then opened.
    const target = join(h.dataDir, 'compte-rendu.docx');
    h.dialogAnswers.push(target);
    await page.getByRole('button', { name: 'Compte rendu', exact: true }).click();
    await page.getByText(`Compte rendu enregistré : ${target}`).waitFor();
    expect(existsSync(target)).toBe(true);
    expect(h.openedPaths).toEqual([target]);
    const text = (await pdfText(await convertToPdf(target, h.dataDir))).replace(/\s+/g, ' ');
    for (const expected of [
      `Séance plénière du ${formatLongDate(`${year}-04-16`)}`,
      'Mme Hélène Desfontaines',
      'Yannick Roux, adjoint',
      'Douze établissements ont signé la charte.',
      'Décision : La commission lance une formation des réceptionnistes d’hôtel.',
      'Programmer deux sessions de formation',
      `30/06/${year}`,
    ])
      expect(text).toContain(expected);

    // Back to the list: the session and its open follow-up are shown.
    await page.getByRole('link', { name: 'Toutes les séances' }).click();
    await page.getByRole('region', { name: 'À venir' }).getByText(`16/04/${year} à 14:30`).waitFor();
    await h.screenshot('sessions-list');

    // The owner's partner page shows the open follow-up.
    await page.getByRole('link', { name: 'Partenaires' }).click();
    await page.getByRole('gridcell', { name: 'Amicale du Nid – Bordeaux' }).click();
    await page.getByRole('region', { name: 'Suites à donner de la structure' }).getByText('Programmer deux sessions de formation').waitFor();
    await h.screenshot('partner-follow-ups');

    // Deleting the session says what goes with it, then takes it all.
    const db = h.session.require().db;
    const id = db.prepare('SELECT id FROM meetings').pluck().get() as string;
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE meeting_id = ?`).pluck().get(id) as number;
    await page.evaluate((target) => (window.location.hash = target), `#/seances/${id}/informations`);
    await page.getByRole('button', { name: 'Supprimer la séance' }).click();
    const confirm = page.getByRole('dialog', { name: 'Supprimer cette séance ?' });
    expect(await confirm.textContent()).toContain('sera supprimée avec 3 invités, 1 point d’ordre du jour, 1 décision et 1 suite à donner.');
    await confirm.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await page.getByText(/^La séance plénière du [\d/]+ a été supprimée\.$/).waitFor();
    expect([count('meeting_attendees'), count('agenda_items'), count('decisions'), count('follow_ups')]).toEqual([0, 0, 0, 0]);
    expect(db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(0);

    // « Annuler » in the message: the session comes back with everything that went with it, then an agenda item.
    await page.locator('.toasts').getByRole('button', { name: 'Annuler' }).click();
    await page.getByText('Suppression annulée.').waitFor();
    expect([count('meeting_attendees'), count('agenda_items'), count('decisions'), count('follow_ups')]).toEqual([3, 1, 1, 1]);
    await page.evaluate((target) => (window.location.hash = target), `#/seances/${id}/ordre-du-jour`);
    await page.getByRole('button', { name: 'Supprimer le point 1' }).click();
    await page.getByRole('dialog', { name: 'Retirer ce point de l’ordre du jour ?' }).getByRole('button', { name: 'Supprimer' }).click();
    await page.getByText('Point retiré de l’ordre du jour.').waitFor();
    await page.getByRole('button', { name: 'Supprimer le point 1' }).waitFor({ state: 'detached' });
    await page.locator('.toasts').getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'Supprimer le point 1' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Supprimer le point 1' }).waitFor();
    expect([count('agenda_items'), count('decisions')]).toEqual([1, 1]);
    expect(h.errors).toEqual([]);
  });

  it('attaches documents to an existing session, renames, orders and removes them, and lists them in the convocation', async () => {
    const { page } = h;
    const year = parisYear(1);
    createMeeting(h.session.require().db, meetingCreate.parse({ kind: 'pleniere', date: `${year}-10-01`, startTime: '14:30', place: 'Préfecture de la Gironde' }), new Date());
    const bilan = join(h.dataDir, 'bilan-parcours-2025.pdf');
    const projet = join(h.dataDir, 'Projet de protocole hôtels.docx');
    writeFileSync(bilan, '%PDF-1.4\n%%EOF\n');
    writeFileSync(projet, 'PK');

    await page.getByRole('link', { name: 'Séances' }).click();
    await page.getByRole('link', { name: `01/10/${year} à 14:30` }).click();
    await page.getByRole('link', { name: 'Informations et pièces jointes' }).click();
    const files = page.getByRole('region', { name: 'Pièces jointes' });
    await files.getByText('Aucune pièce jointe.', { exact: false }).waitFor();
    await files.scrollIntoViewIfNeeded();
    await h.screenshot('session-files-empty');

    // Cancelled, then chosen.
    h.dialogAnswers.push(null);
    await files.getByRole('button', { name: 'Joindre un document…' }).click();
    h.dialogAnswers.push(bilan);
    await files.getByRole('button', { name: 'Joindre un document…' }).click();
    await page.getByText('Document joint à la séance.').waitFor();
    h.dialogAnswers.push(projet);
    await files.getByRole('button', { name: 'Joindre un document…' }).click();
    await files.getByText('Projet de protocole hôtels', { exact: true }).waitFor();

    // Reopened, the session still holds them.
    await page.getByRole('link', { name: 'Toutes les séances' }).click();
    await page.getByRole('link', { name: `01/10/${year} à 14:30` }).click();
    await page.getByRole('link', { name: 'Informations et pièces jointes' }).click();
    await expect.poll(() => files.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('bilan-parcours-2025'), expect.stringContaining('Projet de protocole hôtels')]);

    // Renamed with the keyboard, moved up, opened.
    await files.getByRole('button', { name: 'Renommer « bilan-parcours-2025 »' }).focus();
    await page.keyboard.press('Enter');
    const rename = page.getByRole('dialog', { name: 'Renommer la pièce jointe' });
    const title = rename.getByLabel('Titre dans la convocation');
    // The dialog opens with the title in focus, ready to type.
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectNoAxeViolations(page, 'renommer une pièce jointe');
    await title.fill('');
    await title.press('Enter');
    await rename.getByText('Donnez un titre à la pièce jointe.').waitFor();
    await title.fill('Bilan 2025 des parcours de sortie');
    await title.press('Enter');
    await page.getByText('Pièce jointe renommée.').waitFor();
    await files.getByRole('button', { name: 'Monter « Projet de protocole hôtels »' }).click();
    await expect.poll(() => files.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('Projet de protocole hôtels'), expect.stringContaining('Bilan 2025 des parcours de sortie')]);
    await files.getByRole('button', { name: 'Ouvrir « Bilan 2025 des parcours de sortie »' }).click();
    await expect.poll(() => h.openedPaths.length).toBe(1);
    await expectNoAxeViolations(page, 'pièces jointes');
    expect(h.openedPaths[0]).toMatch(/-fichiers[\\/]seances[\\/][0-9a-f]{8}-bilan-parcours-2025\.pdf$/);
    await h.screenshot('session-files');

    // The convocation lists them, in this order.
    const target = join(h.dataDir, 'convocation.docx');
    h.dialogAnswers.push(target);
    await page.getByRole('button', { name: 'Convocation', exact: true }).click();
    await page.getByText(`Convocation enregistrée : ${target}`).waitFor();
    const text = (await pdfText(await convertToPdf(target, h.dataDir))).replace(/\s+/g, ' ');
    expect(text).toContain('Pièces jointes : – Projet de protocole hôtels – Bilan 2025 des parcours de sortie');

    // Removed after a confirmation; cancelling keeps it.
    await files.getByRole('button', { name: 'Retirer « Projet de protocole hôtels »' }).click();
    const confirm = page.getByRole('dialog', { name: 'Retirer cette pièce jointe ?' });
    await confirm.getByText('« Projet de protocole hôtels » ne sera plus joint à la séance', { exact: false }).waitFor();
    await h.screenshot('session-files-remove');
    await expectNoAxeViolations(page, 'retirer une pièce jointe');
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await files.getByText('Projet de protocole hôtels', { exact: true }).waitFor();
    await files.getByRole('button', { name: 'Retirer « Projet de protocole hôtels »' }).click();
    await confirm.getByRole('button', { name: 'Retirer' }).click();
    await page.getByText('« Projet de protocole hôtels » a été retiré de la séance.').waitFor();
    await expect.poll(() => files.getByRole('listitem').count()).toBe(1);
    expect(existsSync(projet)).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('offers a mandate only to a member who attends and holds none yet (CRPA R. 133-9)', async () => {
    const { page } = h;
    const year = parisYear(1);
    createMeeting(h.session.require().db, meetingCreate.parse({ kind: 'pleniere', date: `${year}-11-05`, startTime: '09:30' }), new Date());
    await page.getByRole('link', { name: 'Séances' }).click();
    await page.getByRole('link', { name: `05/11/${year} à 09:30` }).click();
    await page.getByRole('link', { name: /Participants/ }).click();
    await page.getByRole('row', { name: 'Mme Hélène Desfontaines' }).getByText('Présent', { exact: true }).click();
    await page.getByRole('row', { name: 'Mme Maëlle Noël' }).getByText('Mandat', { exact: true }).click();
    const noel = page.getByLabel('Membre à qui Mme Maëlle Noël donne mandat');
    expect(await noel.locator('option').allInnerTexts()).toEqual(['A donné mandat à…', 'Mme Hélène Desfontaines – Amicale du Nid – Bordeaux', 'M. Loïc Bénard – Conseil départemental de la Gironde']);
    await noel.selectOption({ label: 'Mme Hélène Desfontaines – Amicale du Nid – Bordeaux' });
    await page.getByText('Quorum atteint').waitFor();

    // Hélène Desfontaines holds a mandate now: Loïc Bénard cannot give her his, and nobody else attends.
    await page.getByRole('row', { name: 'M. Loïc Bénard' }).getByText('Mandat', { exact: true }).click();
    const benard = page.getByLabel('Membre à qui M. Loïc Bénard donne mandat');
    expect(await benard.locator('option').allInnerTexts()).toEqual(['A donné mandat à…']);
    await page.getByText('Aucun autre membre présent ne peut recevoir de mandat (nul ne peut en détenir plus d’un).').waitFor();
    await h.screenshot('session-mandates');
    expect(h.errors).toEqual([]);
  });
});
