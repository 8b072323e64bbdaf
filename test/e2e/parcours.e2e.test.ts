import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parisDate } from '../helpers/clock';
import { registerRowsWithErrors, registerXlsx, REGISTER_HEADERS, REGISTER_ROWS } from '../helpers/parcours-files';
import { expectNoAxeViolations } from './a11y';
import { startHarness, type Harness } from './harness';
import { layoutProblems } from './layout';

type Invoke = (c: string, i: unknown) => Promise<{ ok: boolean; value: { id: string } }>;

/** A day counted from today in Paris, as the app counts. */
const iso = (daysFromNow: number) => parisDate(daysFromNow);
const french = (isoDate: string) => isoDate.split('-').reverse().join('/');

describe('Parcours de sortie in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('receives a request, examines it in a meeting, records the avis and the decision, and shows the renewal coming due', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    const meetingDay = iso(-1);
    const meetingId = await page.evaluate(async (day) => {
      const invoke = (window as unknown as { maillage: { invoke: (c: string, i: unknown) => Promise<{ ok: boolean; value: { id: string } }> } }).maillage.invoke;
      const amicale = (await invoke('partners.create', { name: 'Amicale du Nid 33', type: 'association_sortie' })).value;
      await invoke('contacts.create', { partnerId: amicale.id, firstName: 'Claire', lastName: 'Martin', role: 'Directrice', isMember: true });
      const police = (await invoke('partners.create', { name: 'Police nationale – DIPN 33', type: 'police' })).value;
      await invoke('contacts.create', { partnerId: police.id, firstName: 'Marc', lastName: 'Lefort', role: 'Commandant', isMember: true });
      const cd = (await invoke('partners.create', { name: 'Conseil départemental de la Gironde', type: 'conseil_departemental' })).value;
      await invoke('contacts.create', { partnerId: cd.id, firstName: 'Paul', lastName: 'Durand', role: 'Responsable ASE', isMember: true, memberTitle: 'protection_enfance' });
      return (await invoke('meetings.create', { kind: 'examen_parcours', date: day, startTime: '14:00', place: 'Préfecture' })).value.id;
    }, meetingDay);

    // Receive the request.
    await page.getByRole('link', { name: 'Parcours de sortie' }).click();
    await page.getByRole('heading', { name: 'Aucune demande de parcours enregistrée' }).waitFor();
    await page.getByRole('button', { name: 'Nouvelle demande' }).first().click();
    await page.getByLabel('Reçue le').fill(french(iso(-20)));
    await page.getByRole('combobox', { name: /Association agréée/ }).fill('Amicale');
    await page.keyboard.press('Enter');
    await page.getByText('Choisie : Amicale du Nid 33').waitFor();
    await page.getByLabel('Sexe').selectOption('femme');
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
    const year = iso(-20).slice(0, 4);
    const reference = `PS-${year}-001`;
    await page.getByRole('heading', { name: `Demande ${reference}` }).waitFor();
    await page.getByText('Avis attendu').first().waitFor();

    // Examine it in the meeting: the member sitting for child protection is not invited; both members attend.
    await page.evaluate((id) => (window.location.hash = `#/seances/${id}/participants`), meetingId);
    await page.getByText('Claire Martin').first().waitFor();
    expect(await page.getByText('Paul Durand').count()).toBe(0);
    for (const name of ['Claire Martin', 'Marc Lefort']) await page.getByRole('row', { name }).getByText('Présent', { exact: true }).click();
    await page.getByText('Quorum atteint', { exact: false }).first().waitFor();
    // The request put on the agenda; the association that presents it takes no part in its avis, which the police member gives.
    await page.getByRole('link', { name: 'Demandes de parcours' }).click();
    await page.getByRole('button', { name: 'Inscrire les demandes en attente (1)' }).click();
    await page.getByText('Demandes inscrites à l’ordre du jour.').waitFor();
    await page.getByText('Claire Martin ne prend pas part à l’avis (association qui présente la demande)').waitFor();
    await page.getByRole('radio', { name: 'Favorable', exact: true }).check();
    await page.getByLabel(`Observations sur ${reference}`).fill('Projet d’insertion construit avec l’association');
    // The row and its button stay inside the card on a 1024-px window (a fifth column ran past it).
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await layoutProblems(page)).toEqual([]);
    await h.screenshot('parcours-meeting-1024');
    await page.setViewportSize(size);
    await page.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await page.getByText(`Avis enregistré pour ${reference}.`).waitFor();
    // An examining meeting coordinates no minors' situation: the two purposes stay apart.
    expect(await page.getByLabel('Situations individuelles de mineurs coordonnées').count()).toBe(0);
    await h.screenshot('parcours-meeting');

    // Record the préfet's decision on the request's page; the end is set close, so the renewal comes due.
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `Demande ${reference}` }).waitFor();
    await page.getByText('Décision attendue').waitFor();
    await page.getByLabel('Décision', { exact: true }).selectOption('autorise');
    await page.getByLabel('Date de la décision').fill(french(meetingDay));
    await page.getByLabel('Référence de l’arrêté').fill('Arrêté 2026-PS-001');
    await page.getByLabel('Fin du parcours').fill(french(iso(30)));
    await page.getByRole('checkbox', { name: 'AFIS (aide financière)' }).check();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Demande enregistrée.').waitFor();
    await page.getByText('Renouvellement à demander').first().waitFor();
    await h.screenshot('parcours-request');

    // Reopen it: what was saved is what is shown.
    await page.getByRole('link', { name: 'Toutes les demandes' }).click();
    await page.getByRole('gridcell', { name: reference }).click();
    await page.getByRole('heading', { name: `Demande ${reference}` }).waitFor();
    expect(await page.getByLabel('Référence de l’arrêté').inputValue()).toBe('Arrêté 2026-PS-001');
    expect(await page.getByLabel('Fin du parcours').inputValue()).toBe(french(iso(30)));
    expect(await page.getByRole('checkbox', { name: 'AFIS (aide financière)' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Historique' }).click();
    await page.getByText('Décision du préfet').first().waitFor();
    await page.keyboard.press('Escape');

    // The register and the dashboard show the renewal due.
    await page.getByRole('link', { name: 'Toutes les demandes' }).click();
    await page.getByRole('gridcell', { name: 'Renouvellement à demander' }).waitFor();
    await h.screenshot('parcours-register');
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    const card = page.getByRole('region', { name: 'Parcours de sortie : échéances' });
    await card.getByRole('link', { name: reference }).waitFor();
    await card.getByText(/se termine dans 30 jours/).waitFor();

    // The figures count it.
    await page.getByRole('link', { name: 'Parcours de sortie' }).click();
    await page.getByRole('button', { name: 'Chiffres' }).click();
    await page.getByRole('img', { name: /Personnes en parcours en fin de mois/ }).waitFor();
    // Counted today, while the year runs: on 31 December its planned end would be a forecast.
    const inParcours = page.locator('.stat', { hasText: `personne en parcours le ${french(iso(0))}` });
    expect(await inParcours.locator('.stat-value').textContent()).toBe('1');
    await h.screenshot('parcours-figures');
    const db = h.session.require().db;
    expect(db.prepare('SELECT opinion, decision, ends_on, sex FROM parcours_requests').get()).toEqual({ opinion: 'favorable', decision: 'autorise', ends_on: iso(30), sex: 'femme' });

    // The renewal request: the renewed request and the meeting found by typing, the association taken from it.
    await page.getByRole('link', { name: 'Parcours de sortie' }).click();
    await page.getByRole('button', { name: 'Nouvelle demande' }).first().click();
    await page.getByLabel('Reçue le').fill(french(iso(-5)));
    await page.getByRole('combobox', { name: /Nature/ }).fill(reference.slice(-3));
    await page.getByRole('option', { name: new RegExp(`Renouvellement n° 1 de ${reference}`) }).click();
    await page.getByText('Choisie : Amicale du Nid 33').waitFor();
    await page.getByRole('combobox', { name: /Séance d’examen/ }).fill('examen');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
    const renewal = `PS-${iso(-5).slice(0, 4)}-${iso(-5).slice(0, 4) === year ? '002' : '001'}`;
    await page.getByRole('heading', { name: `Demande ${renewal}` }).waitFor();
    await page.getByRole('button', { name: 'Retirer le renouvellement' }).waitFor();
    await page.getByRole('button', { name: 'Retirer la séance' }).waitFor();
    await page.getByLabel('Parcours de la personne').getByRole('link', { name: reference }).waitFor();
    await h.screenshot('parcours-renewal');
    expect(db.prepare('SELECT renewal_number, meeting_id FROM parcours_requests WHERE reference = ?').get(renewal)).toEqual({ renewal_number: 1, meeting_id: meetingId });

    // An unsaved change is not lost by « Fermer »: it asks first.
    await page.getByLabel('Notes').fill('Dossier complet reçu');
    await page.getByRole('button', { name: 'Fermer' }).click();
    const leave = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
    await leave.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.getByLabel('Notes').inputValue()).toBe('Dossier complet reçu');
    expect(h.errors).toEqual([]);
  });

  it('imports the register kept in Excel through the wizard: identity columns left aside, a bad file refused, the good one in the register', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    await page.evaluate(async () => {
      const invoke = (window as unknown as { maillage: { invoke: Invoke } }).maillage.invoke;
      await invoke('partners.create', { name: 'Amicale du Nid – Gironde', type: 'association_sortie' });
      await invoke('partners.create', { name: 'Mouvement du Nid', type: 'association_sortie' });
    });
    const path = join(h.dataDir, 'suivi PSP.xlsx');
    writeFileSync(path, await registerXlsx(registerRowsWithErrors()));
    h.dialogAnswers.push(path);

    await page.getByRole('link', { name: 'Parcours de sortie' }).click();
    await page.getByRole('heading', { name: 'Aucune demande de parcours enregistrée' }).waitFor();
    await page.getByRole('button', { name: 'Importer un tableau Excel ou CSV…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer un registre des parcours de sortie' });
    await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
    await dialog.getByText('Classeur Excel, feuille « Registre PSP »').waitFor();
    // Identity columns: named, not selectable, their content never shown.
    await dialog.getByText('Colonnes ignorées car elles identifient une personne : N° dossier, Nom, Prénom, Date de naissance.').waitFor();
    expect(await dialog.getByLabel('Champ pour la colonne « Nom »').count()).toBe(0);
    expect(await dialog.getByText('Jamais importée : identifie une personne').count()).toBe(4);
    expect(await dialog.getByText('FICTIVE').count()).toBe(0);
    expect(await dialog.getByLabel('Champ pour la colonne « Date de la commission »').inputValue()).toBe('meeting');
    // Free text is pointed out, never chosen for the secretary: she chooses it column by column.
    const chooseFreeText = async () => {
      const columns = [
        ['Référence', 'reference', 'Référence'],
        ['Demande renouvelée', 'previousReference', 'Demande renouvelée (sa référence)'],
        ['Arrêté', 'decreeRef', 'Arrêté'],
      ] as const;
      for (const [header, field, label] of columns) {
        const select = dialog.getByLabel(`Champ pour la colonne « ${header} »`);
        expect(await select.inputValue()).toBe('');
        await dialog.getByText(`Texte libre (« ${label} ») : à choisir vous-même`, { exact: false }).waitFor();
        await select.selectOption(field);
      }
    };
    await dialog.getByLabel('Champ pour la colonne « Arrêté »').scrollIntoViewIfNeeded();
    await h.screenshot('parcours-import-mapping');
    await expectNoAxeViolations(page, 'assistant d’import du registre, colonnes');
    await chooseFreeText();
    await dialog.getByRole('button', { name: 'Vérifier les données' }).click();

    await dialog.getByText('Ce renouvellement porterait le parcours au-delà de 24 mois', { exact: false }).waitFor();
    await dialog.getByText('Reçue le « 31/02/2025 » : date illisible (écrivez-la jj/mm/aaaa).').waitFor();
    await dialog.getByText('Colonnes ignorées car elles identifient une personne', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Import impossible : corrigez les erreurs' }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('row', { name: /^6 AN-2025-02/ }).count()).toBe(1);
    await h.screenshot('parcours-import-preview-error');

    // The corrected file, chosen again; its observations give a phone number away on one row.
    const corrected = REGISTER_ROWS.map((r) => [...r]);
    corrected[3]![REGISTER_HEADERS.indexOf('Observations')] = 'Rappeler au 06 12 34 56 78';
    writeFileSync(path, await registerXlsx(corrected));
    h.dialogAnswers.push(path);
    await dialog.getByRole('button', { name: 'Retour aux colonnes' }).click();
    await dialog.getByRole('button', { name: 'Retour' }).click();
    await dialog.getByRole('button', { name: 'Choisir un fichier…' }).click();
    await dialog
      .getByText('Colonnes ignorées car elles identifient une personne : N° dossier, Nom, Prénom, Date de naissance, Observations (ressemble à un numéro de téléphone, ligne 7).', { exact: false })
      .waitFor();
    await dialog.getByText('Jamais importée : ressemble à un numéro de téléphone, ligne 7').waitFor();
    expect(await dialog.getByLabel('Champ pour la colonne « Observations »').count()).toBe(0);
    expect(await dialog.getByText('06 12 34 56 78', { exact: false }).count()).toBe(0);
    await chooseFreeText();
    await h.screenshot('parcours-import-mapping-values');
    await dialog.getByRole('button', { name: 'Vérifier les données' }).click();
    await dialog.getByText('Association absente de l’annuaire, gardée sous son nom : CIDFF de la Gironde', { exact: false }).waitFor();
    await h.screenshot('parcours-import-preview');
    await dialog.getByRole('button', { name: 'Importer 8 demandes' }).click();
    await dialog.getByText('8 demandes ajoutées au registre').waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();

    await page.getByText('8 demandes', { exact: true }).waitFor();
    await page.getByRole('gridcell', { name: 'AN-2025-02' }).click();
    await page.getByRole('heading', { name: 'Demande AN-2025-02' }).waitFor();
    await page.getByRole('button', { name: 'Historique' }).click();
    await page.getByRole('dialog', { name: /Historique/ }).getByText(/Création|créée|Créée/).first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Toutes les demandes' }).click();
    await page.getByRole('gridcell', { name: 'PS-2025-001' }).waitFor();
    await h.screenshot('parcours-import-register');
    expect(h.errors).toEqual([]);
  });

  it('turning an existing plenary into an examining meeting uninvites the members sitting for child protection, and says so', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    const day = iso(20);
    const meetingId = await page.evaluate(async (date) => {
      const invoke = (window as unknown as { maillage: { invoke: Invoke } }).maillage.invoke;
      const amicale = (await invoke('partners.create', { name: 'Amicale du Nid 33', type: 'association_sortie' })).value;
      await invoke('contacts.create', { partnerId: amicale.id, firstName: 'Claire', lastName: 'Martin', role: 'Directrice', isMember: true });
      const cd = (await invoke('partners.create', { name: 'Conseil départemental de la Gironde', type: 'conseil_departemental' })).value;
      await invoke('contacts.create', { partnerId: cd.id, firstName: 'Paul', lastName: 'Durand', role: 'Responsable ASE', isMember: true, memberTitle: 'protection_enfance' });
      const pjj = (await invoke('partners.create', { name: 'DTPJJ Gironde', type: 'pjj' })).value;
      await invoke('contacts.create', { partnerId: pjj.id, firstName: 'Inès', lastName: 'Roux', role: 'Directrice territoriale', isMember: true, memberTitle: 'protection_enfance' });
      return (await invoke('meetings.create', { kind: 'pleniere', date, startTime: '14:00', place: 'Préfecture' })).value.id;
    }, day);

    await page.evaluate((id) => (window.location.hash = `#/seances/${id}/participants`), meetingId);
    await page.getByText('Paul Durand').first().waitFor();
    await page.getByText('Inès Roux').first().waitFor();
    await page.getByRole('link', { name: 'Informations' }).click();
    await page.getByLabel('Type de séance').selectOption('examen_parcours');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Ces membres ne siègent pas à ce type de séance', { exact: false }).waitFor();
    const removed = page.getByRole('status').filter({ hasText: '2 invités retirés de la séance' });
    await removed.waitFor();
    expect(await removed.textContent()).toMatch(/2 invités retirés de la séance : (Inès Roux – DTPJJ Gironde|Paul Durand – Conseil départemental de la Gironde) ; (Inès Roux – DTPJJ Gironde|Paul Durand – Conseil départemental de la Gironde)\./);
    await h.screenshot('session-kind-examining');

    // Reopened: the kind is kept, only the association's member is invited.
    await page.evaluate(() => (window.location.hash = '#/seances'));
    await page.evaluate((id) => (window.location.hash = `#/seances/${id}/participants`), meetingId);
    await page.getByText('Claire Martin').first().waitFor();
    expect(await page.getByText('Paul Durand').count()).toBe(0);
    expect(await page.getByText('Inès Roux').count()).toBe(0);
    await page.getByRole('link', { name: 'Informations' }).click();
    expect(await page.getByLabel('Type de séance').inputValue()).toBe('examen_parcours');
    await page.getByRole('link', { name: 'Demandes de parcours' }).waitFor();

    // Planning the next examining meeting shows the register's deadlines.
    await page.evaluate(async (receivedOn) => {
      const invoke = (window as unknown as { maillage: { invoke: Invoke } }).maillage.invoke;
      await invoke('parcours.create', { associationName: 'Amicale du Nid 33', receivedOn, reference: 'AN-ATT-1' });
    }, iso(-10));
    await page.evaluate(() => (window.location.hash = '#/seances'));
    await page.getByRole('button', { name: 'Nouvelle séance' }).first().click();
    const planning = page.getByRole('dialog', { name: 'Nouvelle séance' });
    expect(await planning.getByRole('region', { name: 'Parcours de sortie : échéances' }).count()).toBe(0);
    await planning.getByLabel('Type de séance').selectOption('examen_parcours');
    const deadlines = planning.getByRole('region', { name: 'Parcours de sortie : échéances' });
    await deadlines.getByText('AN-ATT-1').waitFor();
    await deadlines.getByText('En attente d’avis').waitFor();
    await h.screenshot('session-new-examining-deadlines');
    expect(h.errors).toEqual([]);
  });
});
