/**
 * Every kind of record, on the small demo, as a secretary edits it: open an existing one, change
 * it, save, reload the window, open it again — the change is there.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommission, startHarness, type Harness } from './harness';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness(demoCommission('small'));
  page = h.page;
});
afterAll(async () => {
  await h.close();
});

function db() {
  return h.session.require().db;
}
function one<T>(sql: string): T {
  const row = db().prepare(sql).get() as T | undefined;
  if (!row) throw new Error(`The small demo has no row for: ${sql}`);
  return row;
}

/** Opens a page by its address, as a reload or a link would. */
async function open(hash: string, heading?: string | RegExp) {
  await page.evaluate((target) => (window.location.hash = target), `#/${hash}`);
  await page.reload();
  if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function saved(message: string | RegExp) {
  await page.getByText(message).first().waitFor();
}

function dialog(name: string | RegExp): Locator {
  return page.getByRole('dialog', { name });
}

describe('Editing every kind of record in Chromium', () => {
  it('edits a structure and one of its contacts (made a member of the commission)', async () => {
    const partner = one<{ id: string; name: string }>(`SELECT p.id, p.name FROM partners p WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.partner_id = p.id AND NOT EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id)) ORDER BY p.name LIMIT 1`);
    const contact = one<{ id: string; first_name: string | null; last_name: string }>(
      `SELECT id, first_name, last_name FROM contacts c WHERE partner_id = '${partner.id}' AND NOT EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id) ORDER BY last_name LIMIT 1`,
    );
    await open(`partenaires/${partner.id}`, partner.name);
    const form = page.getByRole('form', { name: 'Structure' });
    await form.getByLabel('Commune').fill('Lormont');
    await form.getByLabel('Notes').fill('Rencontre prévue au printemps.');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await saved('Structure enregistrée.');

    await page.getByRole('button', { name: new RegExp(`^Modifier .*${contact.last_name}$`) }).click();
    const edit = dialog('Modifier le contact');
    await edit.getByLabel('Fonction').fill('Cheffe de service prévention');
    await edit.getByLabel('Membre de la commission (convoqué aux séances)').check();
    await edit.getByLabel('Coordonnées confirmées le').fill('15/02/2026');
    await h.screenshot('editing-contact');
    await edit.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await saved('Contact enregistré.');
    await edit.waitFor({ state: 'detached' });

    await open(`partenaires/${partner.id}`, partner.name);
    expect(await form.getByLabel('Commune').inputValue()).toBe('Lormont');
    expect(await form.getByLabel('Notes').inputValue()).toBe('Rencontre prévue au printemps.');
    await page.getByRole('button', { name: new RegExp(`^Modifier .*${contact.last_name}$`) }).click();
    expect(await edit.getByLabel('Fonction').inputValue()).toBe('Cheffe de service prévention');
    expect(await edit.getByLabel('Membre de la commission (convoqué aux séances)').isChecked()).toBe(true);
    expect(await edit.getByLabel('Coordonnées confirmées le').inputValue()).toBe('15/02/2026');
    await edit.getByRole('button', { name: 'Annuler' }).click();
    expect(db().prepare('SELECT EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = c.id AND m.to_on IS NULL) AS is_member, role FROM contacts c WHERE id = ?').get(contact.id)).toEqual({ is_member: 1, role: 'Cheffe de service prévention' });
  });

  it('edits a fiche action, a journal entry, an indicator and one of its values', async () => {
    const indicator = one<{ id: string; name: string; action_id: string }>(
      `SELECT i.id, i.name, i.action_id FROM indicators i WHERE EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id)
         AND EXISTS (SELECT 1 FROM journal_entries j WHERE j.action_id = i.action_id) LIMIT 1`,
    );
    const action = one<{ id: string; title: string }>(`SELECT id, title FROM actions WHERE id = '${indicator.action_id}'`);
    await open(`mesures/fiches/${action.id}`, action.title);
    const fiche = page.getByRole('form', { name: 'Fiche action' });
    await fiche.getByLabel('Intitulé').fill(`${action.title} (révisée)`);
    await fiche.getByLabel('Financeurs').fill('FIPD, conseil départemental');
    await fiche.getByRole('button', { name: 'Enregistrer' }).click();
    await saved('Fiche action enregistrée.');

    const journal = page.getByRole('region', { name: 'Journal' });
    await journal.getByRole('button', { name: /^Modifier l’entrée du/ }).first().click();
    const entry = dialog('Modifier l’entrée du journal');
    await entry.getByLabel('Ce qui a avancé (ou non)').fill('Deux sessions de formation tenues à Mérignac.');
    await entry.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
    await entry.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: `Modifier l’indicateur ${indicator.name}` }).click();
    const ind = dialog('Modifier l’indicateur');
    await ind.getByLabel('Unité').fill('professionnels');
    await ind.getByRole('button', { name: 'Enregistrer l’indicateur' }).click();
    await ind.waitFor({ state: 'detached' });

    const card = page.getByRole('article', { name: `Indicateur ${indicator.name}` });
    await card.locator('summary').click();
    await card.getByRole('button', { name: /^Modifier la valeur du/ }).first().click();
    const value = dialog(/^Modifier la valeur/);
    await value.getByLabel(/^Valeur/).fill('1 234,5');
    await value.getByLabel('Note').fill('Chiffre du rectorat.');
    await value.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    await value.waitFor({ state: 'detached' });

    await open(`mesures/fiches/${action.id}`, `${action.title} (révisée)`);
    expect(await fiche.getByLabel('Financeurs').inputValue()).toBe('FIPD, conseil départemental');
    await journal.getByText('Deux sessions de formation tenues à Mérignac.').waitFor();
    await card.locator('summary').click();
    await card.getByText('Chiffre du rectorat.').waitFor();
    await card.locator('li strong', { hasText: /^1\s234,5 professionnels$/ }).waitFor();
    await h.screenshot('editing-fiche');

    // A value goes only once the question is answered: « Annuler » keeps it.
    const edited = db().prepare("SELECT id, measured_on FROM indicator_values WHERE note = 'Chiffre du rectorat.'").get() as { id: string; measured_on: string };
    const deleteValue = card.getByRole('button', { name: `Supprimer la valeur du ${edited.measured_on.split('-').reverse().join('/')}` });
    const valueConfirm = dialog('Supprimer cette valeur ?');
    const stored = () => db().prepare('SELECT count(*) FROM indicator_values WHERE id = ?').pluck().get(edited.id);
    await deleteValue.click();
    expect(await valueConfirm.textContent()).toMatch(/\(1\s234,5 professionnels\) sera supprimée\./);
    await h.screenshot('editing-delete-value');
    await valueConfirm.getByRole('button', { name: 'Annuler' }).click();
    expect(stored()).toBe(1);
    await deleteValue.click();
    await valueConfirm.getByRole('button', { name: 'Supprimer' }).click();
    await saved('Valeur supprimée.');
    expect(stored()).toBe(0);
    // « Annuler » in the message brings it back; deleted again, it goes.
    await page.locator('.toasts').getByRole('button', { name: 'Annuler' }).click();
    await saved('Suppression annulée.');
    expect(stored()).toBe(1);
    expect(db().prepare('SELECT note FROM indicator_values WHERE id = ?').pluck().get(edited.id)).toBe('Chiffre du rectorat.');
    await deleteValue.click();
    await valueConfirm.getByRole('button', { name: 'Supprimer' }).click();
    await expect.poll(stored).toBe(0);

    // Deleting the indicator says what goes with it, and takes its values along.
    const values = db().prepare('SELECT count(*) FROM indicator_values WHERE indicator_id = ?').pluck().get(indicator.id) as number;
    await page.getByRole('button', { name: `Supprimer l’indicateur ${indicator.name}` }).click();
    const confirm = dialog('Supprimer cet indicateur ?');
    const withValues = values === 0 ? '' : values === 1 ? ' avec sa valeur mesurée' : ` avec ses ${values} valeurs mesurées`;
    expect(await confirm.textContent()).toContain(`L’indicateur « ${indicator.name} » sera supprimé${withValues}.`);
    await confirm.getByRole('button', { name: 'Supprimer' }).click();
    await card.waitFor({ state: 'detached' });
    expect(db().prepare('SELECT count(*) FROM indicator_values WHERE indicator_id = ?').pluck().get(indicator.id)).toBe(0);
  });

  it('edits a protocol and one of its signatories', async () => {
    const protocol = one<{ id: string; title: string }>(`SELECT p.id, p.title FROM protocols p WHERE EXISTS (SELECT 1 FROM protocol_signatories s WHERE s.protocol_id = p.id) LIMIT 1`);
    await open(`protocoles/${protocol.id}`, protocol.title);
    const form = page.getByRole('form', { name: 'Protocole' });
    await form.getByLabel('Objet').fill('Coordonner le repérage des mineurs en danger.');
    const first = form.getByRole('group', { name: 'Signataire 1' });
    await first.getByLabel('Nom du signataire').fill('Frédérique Porterie');
    await first.getByLabel('Qualité').fill('Procureure de la République');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await saved('Protocole enregistré.');

    await open(`protocoles/${protocol.id}`, protocol.title);
    expect(await form.getByLabel('Objet').inputValue()).toBe('Coordonner le repérage des mineurs en danger.');
    expect(await first.getByLabel('Nom du signataire').inputValue()).toBe('Frédérique Porterie');
    expect(await first.getByLabel('Qualité').inputValue()).toBe('Procureure de la République');
  });

  it('edits a session, an agenda item, a decision and a follow-up', async () => {
    const followUp = one<{ id: string; meeting_id: string; decision_id: string; text: string }>(
      `SELECT f.id, f.meeting_id, f.decision_id, f.text FROM follow_ups f JOIN decisions d ON d.id = f.decision_id
         WHERE d.agenda_item_id IS NOT NULL AND d.meeting_id = f.meeting_id LIMIT 1`,
    );
    const meetingId = followUp.meeting_id;
    await open(`seances/${meetingId}/informations`);
    const info = page.getByRole('form', { name: 'Informations de la séance' });
    await info.getByLabel('Lieu').fill('Préfecture de la Gironde, salle Tourny');
    await info.getByRole('button', { name: 'Enregistrer' }).click();
    await saved('Séance enregistrée.');

    await open(`seances/${meetingId}`);
    await page.getByRole('button', { name: 'Modifier le point 1' }).click();
    const item = dialog('Modifier le point');
    await item.getByLabel('Présenté par').fill('La déléguée aux droits des femmes');
    await item.getByRole('button', { name: 'Enregistrer le point' }).click();
    await item.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Modifier la décision' }).first().click();
    const decision = dialog('Modifier la décision');
    await decision.getByRole('textbox', { name: 'Décision', exact: true }).fill('La commission adopte le plan de formation 2026.');
    await decision.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await decision.waitFor({ state: 'detached' });

    await open(`seances/${meetingId}/suites`);
    await page.getByRole('button', { name: `Modifier « ${followUp.text} »` }).first().click();
    const follow = dialog('Modifier la suite à donner');
    await follow.getByLabel('Échéance').fill('30/09/2027');
    await follow.getByRole('button', { name: 'Enregistrer' }).click();
    await follow.waitFor({ state: 'detached' });

    await open(`seances/${meetingId}/informations`);
    expect(await info.getByLabel('Lieu').inputValue()).toBe('Préfecture de la Gironde, salle Tourny');
    await open(`seances/${meetingId}`);
    await page.getByText('La commission adopte le plan de formation 2026.').waitFor();
    await page.getByRole('button', { name: 'Modifier le point 1' }).click();
    expect(await item.getByLabel('Présenté par').inputValue()).toBe('La déléguée aux droits des femmes');
    await item.getByRole('button', { name: 'Annuler' }).click();
    expect(db().prepare('SELECT due_on FROM follow_ups WHERE id = ?').pluck().get(followUp.id)).toBe('2027-09-30');
  });

  it('saves agenda notes while typing pauses, so that a reload loses nothing', async () => {
    const meetingId = one<{ meeting_id: string }>('SELECT meeting_id FROM agenda_items LIMIT 1').meeting_id;
    await open(`seances/${meetingId}`);
    const notes = page.getByLabel('Notes de séance').first();
    await notes.fill('Point reporté à la prochaine séance.');
    // No blur, no button: the pause in typing saves.
    await page.getByText('Notes enregistrées.').waitFor();
    await open(`seances/${meetingId}`);
    expect(await notes.inputValue()).toBe('Point reporté à la prochaine séance.');
  });

  it('edits the settings', async () => {
    await open('parametres', 'Paramètres');
    const form = page.getByRole('form', { name: 'Commission' });
    await form.getByLabel('Secrétaire de la commission').fill('Mme Claire Duval, déléguée départementale');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await saved('Paramètres enregistrés.');
    await open('parametres', 'Paramètres');
    expect(await form.getByLabel('Secrétaire de la commission').inputValue()).toBe('Mme Claire Duval, déléguée départementale');
    expect(h.errors).toEqual([]);
  });
});
