/**
 * How the router answers what it cannot do: an unknown channel, no commission open, an input its contract refuses,
 * an unexpected failure, a constraint of the database.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../src/shared/errors';
import type { TestRouter } from '../helpers/router';
import { routerSuite } from '../helpers/router-suite';

const suite = routerSuite();
const { count, changes, snapshot, newCommission, newPartner, db } = suite;
let t: TestRouter;
beforeEach(() => {
  t = suite.router();
});

describe('router errors', () => {
  it('answers unknown_channel for a channel that is not in the contract', async () => {
    for (const channel of ['partners.explode', 'app', '', 42, null, 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const result = await t.invoke(channel, {});
      expect(result, String(channel)).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Opération inconnue.' } });
    }
  });

  it('answers no_commission, in French, to channels that need an open commission', async () => {
    for (const [channel, input] of [
      ['partners.list', undefined],
      ['partners.create', { name: 'X', type: 'autre' }],
      ['contacts.delete', { id: randomUUID() }],
      ['settings.update', { name: 'CDLP', departmentCode: '33' }],
      ['settings.logo', undefined],
    ] as const) {
      const error = await t.callError(channel, input);
      expect(error.code, channel).toBe('no_commission');
      expect(error.message).toBe('Aucune commission n’est ouverte : créez-en une ou ouvrez un fichier.');
    }
  });

  it('does not show a dialog when no commission is open', async () => {
    expect((await t.callError('app.saveCopy')).code).toBe('no_commission');
    expect((await t.callError('settings.chooseLogo')).code).toBe('no_commission');
    expect(t.os.dialogs).toEqual([]);
  });

  it('reports app.status as empty before any commission', async () => {
    expect(await t.call('app.status')).toEqual({ commission: null, damaged: null, unavailable: null });
  });

  describe('validation', () => {
    beforeEach(async () => {
      await newCommission();
    });

    it('refuses a bad input with details, a French message, and writes nothing', async () => {
      const before = snapshot();
      const partnersBefore = count('partners');
      const error = await t.callError('partners.create', { name: '  ', type: 'mairie', postcode: '3300', website: 'pas un site' });
      expect(error.code).toBe('validation');
      expect(error.details).toEqual(
        expect.arrayContaining([
          { path: 'name', message: 'Le nom de la structure est obligatoire.' },
          { path: 'type', message: 'Choisissez un type de structure.' },
          { path: 'postcode', message: 'Le code postal doit comporter 5 chiffres.' },
          { path: 'website', message: 'Adresse de site invalide (exemple : www.exemple.fr).' },
        ]),
      );
      expect(error.details).toHaveLength(4);
      expect(error.message).toBe('Saisie à corriger (4 champs) : Le nom de la structure est obligatoire.');
      expect(count('partners')).toBe(partnersBefore);
      expect(snapshot()).toEqual(before);
    });

    it('names the single wrong field in the message', async () => {
      const error = await t.callError('partners.create', { name: 'X', type: 'autre', siret: '73282932000075' });
      expect(error).toEqual({
        code: 'validation',
        message: 'Saisie à corriger : SIRET invalide : 14 chiffres dont la clé de contrôle.',
        details: [{ path: 'siret', message: 'SIRET invalide : 14 chiffres dont la clé de contrôle.' }],
      });
    });

    it('gives nested paths and refuses unknown keys', async () => {
      const error = await t.callError('partners.create', { name: 'X', type: 'autre', domains: ['sante', 'magie'], couleur: 'bleu' });
      expect(error.code).toBe('validation');
      expect(error.details).toContainEqual({ path: 'domains.1', message: 'Domaine d’intervention inconnu.' });
      const unknownKey = error.details!.find((d) => d.path === '');
      expect(unknownKey?.message).toMatch(/Clé non reconnue/);
      expect(unknownKey?.message).toContain('couleur');
    });

    it('refuses NUL bytes before they reach the database', async () => {
      const before = snapshot();
      const error = await t.callError('partners.create', { name: 'Pré\u0000fecture', type: 'prefecture' });
      expect(error.details).toEqual([{ path: 'name', message: 'Ce texte contient des caractères non autorisés.' }]);
      expect(snapshot()).toEqual(before);
    });

    it('refuses inputs that are not objects, and extra input on channels that take none', async () => {
      for (const input of [undefined, null, 'Amicale', 42, []]) {
        expect((await t.callError('partners.create', input)).code).toBe('validation');
      }
      expect((await t.callError('partners.get', { id: 'not-a-uuid' })).details).toEqual([{ path: 'id', message: 'Identifiant invalide.' }]);
      expect((await t.callError('app.status', { verbose: true })).code).toBe('validation');
      expect((await t.callError('partners.list', { filter: 'x' })).code).toBe('validation');
    });

    it('counts one wrong field once: a mistyped date gives one detail', async () => {
      const partner = await newPartner();
      const error = await t.callError('contacts.create', { partnerId: partner.id, lastName: 'Dupont', confirmedOn: '05/03/2026' });
      expect(error.details).toEqual([{ path: 'confirmedOn', message: 'Date invalide (format attendu : jj/mm/aaaa).' }]);
      expect(error.message).toBe('Saisie à corriger : Date invalide (format attendu : jj/mm/aaaa).');
    });
  });

  it('turns an unexpected failure into « internal » with a plain French sentence, and logs the cause', async () => {
    await newCommission();
    db().close();
    const result = await t.invoke('partners.list', undefined);
    expect(result.ok).toBe(false);
    const error = (result as { ok: false; error: ApiErrorBody }).error;
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/^Une erreur inattendue est survenue ; rien n’a été modifié\./);
    expect(error.message).not.toMatch(/\n|\bat \S+:\d+|TypeError|Error:|database connection/i);
    expect(t.logged).toHaveLength(1);
    const logged = t.logged[0] as Error & { cause?: Error };
    expect(logged.message).toBe('Channel partners.list failed');
    expect(logged.cause).toBeInstanceOf(Error);
    expect(String(logged.cause?.message)).toMatch(/not open/);
  });

  it('maps a SQLite constraint failure to a French conflict instead of an internal error', async () => {
    await newCommission();
    const partner = await newPartner();
    // The partner disappears between the check and the insert: simulated by a trigger that deletes it first.
    db().exec(`CREATE TEMP TRIGGER vanish BEFORE INSERT ON contacts BEGIN DELETE FROM partners WHERE id = NEW.partner_id; END;`);
    const error = await t.callError('contacts.create', { partnerId: partner.id, lastName: 'Dupont' });
    expect(error).toEqual({ code: 'conflict', message: 'Un élément lié n’existe plus. Rechargez la page et réessayez.' });
    db().exec('DROP TRIGGER vanish');
    // The transaction rolled back: the partner is still there and nothing was logged.
    expect(count('partners')).toBe(1);
    expect(count('contacts')).toBe(0);
    expect(changes('contact')).toEqual([]);
    expect(t.logged).toEqual([]);
  });
});
