import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

function iso(daysFromNow: number): string {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
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
      const cd = (await invoke('partners.create', { name: 'Conseil départemental de la Gironde', type: 'conseil_departemental' })).value;
      await invoke('contacts.create', { partnerId: cd.id, firstName: 'Paul', lastName: 'Durand', role: 'Responsable ASE', isMember: true });
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

    // Examine it in the meeting: child protection not invited, the request put on the agenda, the avis recorded.
    await page.evaluate((id) => (window.location.hash = `#/seances/${id}/participants`), meetingId);
    await page.getByText('Claire Martin').first().waitFor();
    expect(await page.getByText('Paul Durand').count()).toBe(0);
    await page.getByRole('link', { name: 'Demandes de parcours' }).click();
    await page.getByRole('button', { name: 'Inscrire les demandes en attente (1)' }).click();
    await page.getByText('Demandes inscrites à l’ordre du jour.').waitFor();
    await page.getByRole('radio', { name: 'Favorable', exact: true }).check();
    await page.getByLabel(`Observations sur ${reference}`).fill('Projet d’insertion construit avec l’association');
    await page.getByLabel('Situations individuelles de mineurs coordonnées').fill('2');
    await page.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await page.getByText(`Avis enregistré pour ${reference}.`).waitFor();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Nombre enregistré.').waitFor();
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
    await h.screenshot('parcours-figures');
    const db = h.session.require().db;
    expect(db.prepare('SELECT opinion, decision, ends_on, sex FROM parcours_requests').get()).toEqual({ opinion: 'favorable', decision: 'autorise', ends_on: iso(30), sex: 'femme' });
    expect(db.prepare('SELECT minors_situations FROM meeting_parcours').pluck().get()).toBe(2);
    expect(h.errors).toEqual([]);
  });
});
