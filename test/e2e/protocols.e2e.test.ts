import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPartner } from '../../src/main/features/partners/partners';
import { startHarness, type Harness } from './harness';
import { formatDate } from '../../src/shared/format';
import { parisDate } from '../helpers/clock';

/** A date counted from today in Paris, as the app counts (between 23:00 and midnight UTC, Paris is already tomorrow). */
const frenchDate = (daysFromNow: number) => formatDate(parisDate(daysFromNow));

describe('Protocoles in Chromium', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('creates a protocol with two signatories and shows its renewal reminder', async () => {
    const { page } = h;
    await page.getByLabel('Département').selectOption('33');
    await page.getByRole('button', { name: 'Créer la commission' }).click();
    await page.getByRole('heading', { name: 'Aucune structure pour l’instant' }).waitFor();
    const db = h.session.require().db;
    const now = new Date();
    createPartner(db, { name: 'Parquet de Bordeaux', type: 'parquet', domains: ['justice'], address: null, postcode: null, commune: 'Bordeaux', website: null, siret: null, notes: null }, now);
    createPartner(db, { name: 'Conseil départemental de la Gironde', type: 'conseil_departemental', domains: [], address: null, postcode: null, commune: 'Bordeaux', website: null, siret: null, notes: null }, now);

    await page.getByRole('link', { name: 'Protocoles' }).click();
    await page.getByRole('heading', { name: 'Aucun protocole enregistré' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer un protocole' }).click();
    await page.getByLabel('Titre').fill('Protocole de repérage et de signalement des mineurs en danger de prostitution');
    await page.getByRole('combobox', { name: /^Nature/ }).selectOption('reperage_signalement');
    await page.getByLabel('Statut actuel').selectOption('signe');
    await page.getByLabel('Objet').fill('Organiser le repérage, l’évaluation et le signalement entre le parquet et l’ASE.');
    await page.getByRole('button', { name: 'Créer le protocole' }).click();
    await page.getByText('Indiquez la date de signature d’un protocole signé.').waitFor();

    await page.getByLabel('Date de signature').fill(frenchDate(-300));
    await page.getByLabel('Début de validité').fill(frenchDate(-300));
    await page.getByLabel('Fin de validité').fill(frenchDate(800));
    await page.getByLabel('Date de révision ou de renouvellement').fill(frenchDate(30));
    await page.getByRole('button', { name: 'Ajouter un signataire' }).click();
    const first = page.getByRole('group', { name: 'Signataire 1' });
    await first.getByRole('combobox', { name: /^Structure/ }).fill('parquet');
    await page.getByRole('option', { name: /Parquet de Bordeaux/ }).click();
    await first.getByLabel('Nom du signataire').fill('Frédérique Porterie');
    await first.getByLabel('Qualité').fill('Procureure de la République');
    await page.getByRole('button', { name: 'Ajouter un signataire' }).click();
    const second = page.getByRole('group', { name: 'Signataire 2' });
    await second.getByRole('combobox', { name: /^Structure/ }).fill('departemental gironde');
    await page.getByRole('option', { name: /Conseil départemental de la Gironde/ }).click();
    await second.getByLabel('Nom du signataire').fill('Jean-Luc Gleyze');
    await page.getByRole('button', { name: 'Créer le protocole' }).click();
    await page.getByText('Protocole créé').waitFor();
    await page.getByText('Révision dans 30 jours').waitFor();
    await h.screenshot('protocol-page');

    await page.getByRole('link', { name: 'Tous les protocoles' }).click();
    const card = page.getByRole('region', { name: 'Protocoles à renouveler' });
    await card.getByText('Révision dans 30 jours').waitFor();
    await card.getByRole('link', { name: /Protocole de repérage/ }).waitFor();
    await page.getByRole('gridcell', { name: 'Parquet de Bordeaux, Conseil départemental de la Gironde' }).waitFor();
    await h.screenshot('protocols-grid');

    expect(db.prepare('SELECT structure_name, signer_name FROM protocol_signatories ORDER BY sort_order').all()).toEqual([
      { structure_name: 'Parquet de Bordeaux', signer_name: 'Frédérique Porterie' },
      { structure_name: 'Conseil départemental de la Gironde', signer_name: 'Jean-Luc Gleyze' },
    ]);

    // Its life: it expires, then is renewed (signed again), each step dated in its history.
    await card.getByRole('link', { name: /Protocole de repérage/ }).click();
    const status = page.getByRole('region', { name: 'Statut' });
    await status.getByRole('button', { name: 'Constater l’expiration' }).click();
    let step = page.getByRole('dialog', { name: 'Constater l’expiration' });
    await step.getByRole('button', { name: 'Passer à « Expiré »' }).click();
    await page.getByText('Statut : Expiré.').waitFor();
    // Signing an expired protocol again is its renewal, and says so.
    await status.getByRole('button', { name: 'Enregistrer le renouvellement' }).click();
    step = page.getByRole('dialog', { name: 'Enregistrer le renouvellement' });
    await step.getByRole('button', { name: 'Passer à « Signé »' }).click();
    await page.getByText('Statut : Signé.').waitFor();
    expect(await status.getByRole('button').allTextContents()).toEqual(['Constater l’expiration', 'Enregistrer la dénonciation']);
    expect(db.prepare('SELECT status FROM protocol_events ORDER BY rowid').pluck().all()).toEqual(['signe', 'expire', 'signe']);
    expect(h.errors).toEqual([]);
  });
});
