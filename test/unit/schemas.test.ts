import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { commissionSettings, createCommission } from '../../src/shared/schemas/commission';
import { byId, isoDate, optionalDate } from '../../src/shared/schemas/common';
import { contactFields, contactUpdate, partnerFields, partnerUpdate } from '../../src/shared/schemas/partners';

/** The issues of a failed parse as { path, message }, or a test failure when the input passes. */
function issues(schema: z.ZodType, input: unknown): { path: string; message: string; code: string }[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a validation failure, got ${JSON.stringify(result.data)}`);
  return result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
}

function messagesAt(schema: z.ZodType, input: unknown, path: string): string[] {
  return issues(schema, input)
    .filter((i) => i.path === path)
    .map((i) => i.message);
}

const minimalPartner = { name: 'Préfecture de la Gironde', type: 'prefecture' } as const;
const partnerId = randomUUID();
const minimalContact = { partnerId, lastName: 'Dupont' };

describe('partnerFields', () => {
  it('parses a minimal partner: missing optional fields become null, domains an empty list', () => {
    expect(partnerFields.parse(minimalPartner)).toEqual({
      name: 'Préfecture de la Gironde',
      type: 'prefecture',
      domains: [],
      address: null,
      postcode: null,
      commune: null,
      website: null,
      siret: null,
      agrementOn: null,
      agrementYears: null,
      agrementPrefecture: null,
      notes: null,
    });
  });

  it('trims every text', () => {
    const parsed = partnerFields.parse({
      name: '  Association Amicale du Nid  ',
      type: 'association_sortie',
      address: '\t12 rue Sainte-Catherine\n',
      commune: ' Bordeaux ',
      notes: '  Rencontre en janvier.  ',
    });
    expect(parsed.name).toBe('Association Amicale du Nid');
    expect(parsed.address).toBe('12 rue Sainte-Catherine');
    expect(parsed.commune).toBe('Bordeaux');
    expect(parsed.notes).toBe('Rencontre en janvier.');
  });

  it('stores blank, empty and null optional texts as null', () => {
    const parsed = partnerFields.parse({ ...minimalPartner, address: '   ', commune: '', notes: null, website: ' ', siret: '', postcode: '  ' });
    expect(parsed.address).toBeNull();
    expect(parsed.commune).toBeNull();
    expect(parsed.notes).toBeNull();
    expect(parsed.website).toBeNull();
    expect(parsed.siret).toBeNull();
    expect(parsed.postcode).toBeNull();
  });

  it('requires a name, with a French message, even when only spaces are typed', () => {
    expect(messagesAt(partnerFields, { ...minimalPartner, name: '' }, 'name')).toEqual(['Le nom de la structure est obligatoire.']);
    expect(messagesAt(partnerFields, { ...minimalPartner, name: '    ' }, 'name')).toEqual(['Le nom de la structure est obligatoire.']);
  });

  it('bounds the length of texts, after trimming', () => {
    expect(messagesAt(partnerFields, { ...minimalPartner, name: 'x'.repeat(201) }, 'name')).toEqual(['Ce texte est trop long (200 caractères au plus).']);
    expect(partnerFields.parse({ ...minimalPartner, name: ` ${'x'.repeat(200)} ` }).name).toHaveLength(200);
    expect(messagesAt(partnerFields, { ...minimalPartner, notes: 'x'.repeat(5001) }, 'notes')).toEqual(['Ce texte est trop long (5000 caractères au plus).']);
  });

  it('rejects an unknown type with a French message', () => {
    expect(messagesAt(partnerFields, { ...minimalPartner, type: 'mairie' }, 'type')).toEqual(['Choisissez un type de structure.']);
    expect(messagesAt(partnerFields, { name: 'X' }, 'type')).toEqual(['Choisissez un type de structure.']);
  });

  it('deduplicates domains and keeps their order', () => {
    const parsed = partnerFields.parse({ ...minimalPartner, domains: ['sante', 'prevention', 'sante', 'justice', 'prevention'] });
    expect(parsed.domains).toEqual(['sante', 'prevention', 'justice']);
  });

  it('rejects an unknown domain at its index', () => {
    expect(messagesAt(partnerFields, { ...minimalPartner, domains: ['prevention', 'culture'] }, 'domains.1')).toEqual(['Domaine d’intervention inconnu.']);
  });

  it('rejects unknown keys (a typo in a field name must not be silently dropped)', () => {
    const found = issues(partnerFields, { ...minimalPartner, telephone: '0556000000' });
    expect(found).toHaveLength(1);
    expect(found[0]!.code).toBe('unrecognized_keys');
    expect(found[0]!.message).toMatch(/Clé non reconnue/);
    expect(found[0]!.message).toContain('telephone');
  });

  it('rejects NUL bytes and other control characters, but keeps tabs and line breaks in notes', () => {
    expect(messagesAt(partnerFields, { ...minimalPartner, name: 'Pré\u0000fecture' }, 'name')).toEqual(['Ce texte contient des caractères non autorisés.']);
    expect(messagesAt(partnerFields, { ...minimalPartner, notes: 'a\u001bb' }, 'notes')).toEqual(['Ce texte contient des caractères non autorisés.']);
    expect(messagesAt(partnerFields, { ...minimalPartner, commune: 'Bor\u007fdeaux' }, 'commune')).toEqual(['Ce texte contient des caractères non autorisés.']);
    expect(partnerFields.parse({ ...minimalPartner, notes: 'ligne 1\nligne 2\r\n\tfin' }).notes).toBe('ligne 1\nligne 2\r\n\tfin');
  });

  it('rejects the non-characters U+FFFE and U+FFFF and lone surrogates, but keeps emoji and accents', () => {
    for (const name of ['Amicale\uFFFE', '\uFFFFNid', 'Nid \uD800', 'Nid \uDC00 du']) {
      expect(messagesAt(partnerFields, { ...minimalPartner, name }, 'name'), JSON.stringify(name)).toEqual(['Ce texte contient des caractères non autorisés.']);
    }
    expect(partnerFields.parse({ ...minimalPartner, name: 'Amicale du Nid 🌍 – Île-de-France' }).name).toBe('Amicale du Nid 🌍 – Île-de-France');
  });

  it('keeps accents, typographic apostrophes and non-Latin letters', () => {
    const name = 'Maison d’accueil « L’Étape » – Ōsaka 大阪';
    expect(partnerFields.parse({ ...minimalPartner, name }).name).toBe(name);
  });

  describe('postcode', () => {
    it('accepts five digits, trimmed', () => {
      expect(partnerFields.parse({ ...minimalPartner, postcode: ' 33000 ' }).postcode).toBe('33000');
      expect(partnerFields.parse({ ...minimalPartner, postcode: '97400' }).postcode).toBe('97400');
    });

    it('rejects anything else with a French message', () => {
      for (const postcode of ['3300', 'ABCDE', '2A004']) {
        expect(messagesAt(partnerFields, { ...minimalPartner, postcode }, 'postcode')).toEqual(['Le code postal doit comporter 5 chiffres.']);
      }
      expect(issues(partnerFields, { ...minimalPartner, postcode: '330000' }).map((i) => i.path)).toEqual(['postcode']);
    });
  });

  describe('website', () => {
    it('adds https:// when the scheme is missing', () => {
      expect(partnerFields.parse({ ...minimalPartner, website: 'www.gironde.gouv.fr' }).website).toBe('https://www.gironde.gouv.fr');
      expect(partnerFields.parse({ ...minimalPartner, website: ' amicaledunid.org/bordeaux ' }).website).toBe('https://amicaledunid.org/bordeaux');
    });

    it('keeps an explicit http or https scheme', () => {
      expect(partnerFields.parse({ ...minimalPartner, website: 'http://exemple.fr/page?x=1' }).website).toBe('http://exemple.fr/page?x=1');
      expect(partnerFields.parse({ ...minimalPartner, website: 'HTTPS://Exemple.fr' }).website).toBe('HTTPS://Exemple.fr');
    });

    it('rejects what is not a site address', () => {
      for (const website of ['pas un site', 'exemple', 'ftp://exemple.fr', 'javascript:alert(1)']) {
        expect(messagesAt(partnerFields, { ...minimalPartner, website }, 'website')).toEqual(['Adresse de site invalide (exemple : www.exemple.fr).']);
      }
    });
  });

  describe('siret', () => {
    it('removes spaces and keeps a valid number', () => {
      expect(partnerFields.parse({ ...minimalPartner, siret: ' 732 829 320 00074 ' }).siret).toBe('73282932000074');
    });

    it('rejects a wrong key with a French message', () => {
      expect(messagesAt(partnerFields, { ...minimalPartner, siret: '732 829 320 00075' }, 'siret')).toEqual(['SIRET invalide : 14 chiffres dont la clé de contrôle.']);
      expect(messagesAt(partnerFields, { ...minimalPartner, siret: '732829320' }, 'siret')).toEqual(['SIRET invalide : 14 chiffres dont la clé de contrôle.']);
    });
  });

  it('reports every wrong field at once, each at its path', () => {
    const found = issues(partnerFields, { name: '', type: 'x', postcode: '1', website: 'nope', siret: '1' });
    expect(found.map((i) => i.path).sort()).toEqual(['name', 'postcode', 'siret', 'type', 'website']);
  });
});

describe('partnerUpdate', () => {
  it('requires a UUID id with a French message', () => {
    expect(messagesAt(partnerUpdate, minimalPartner, 'id').length).toBe(1);
    expect(messagesAt(partnerUpdate, { ...minimalPartner, id: '42' }, 'id')).toEqual(['Identifiant invalide.']);
    expect(partnerUpdate.parse({ ...minimalPartner, id: partnerId }).id).toBe(partnerId);
  });

  it('is strict like partnerFields', () => {
    expect(issues(partnerUpdate, { ...minimalPartner, id: partnerId, createdAt: 'x' })[0]!.code).toBe('unrecognized_keys');
  });
});

describe('contactFields', () => {
  it('parses a minimal contact with defaults', () => {
    expect(contactFields.parse(minimalContact)).toEqual({
      partnerId,
      civility: null,
      firstName: null,
      lastName: 'Dupont',
      role: null,
      email: null,
      phone: null,
      isMember: false,
      memberTitle: 'commission',
      receivesReturns: false,
      source: null,
      confirmedOn: null,
      notes: null,
    });
  });

  it('requires a last name with a French message', () => {
    expect(messagesAt(contactFields, { ...minimalContact, lastName: ' ' }, 'lastName')).toEqual(['Le nom du contact est obligatoire.']);
  });

  it('requires a partner id that is a UUID', () => {
    expect(messagesAt(contactFields, { ...minimalContact, partnerId: 'abc' }, 'partnerId')).toEqual(['Identifiant invalide.']);
  });

  it('accepts Mme and M. only as civility; null when missing', () => {
    expect(contactFields.parse({ ...minimalContact, civility: 'Mme' }).civility).toBe('Mme');
    expect(contactFields.parse({ ...minimalContact, civility: 'M.' }).civility).toBe('M.');
    expect(contactFields.parse({ ...minimalContact, civility: null }).civility).toBeNull();
    expect(messagesAt(contactFields, { ...minimalContact, civility: 'Mlle' }, 'civility')).toEqual(['Civilité inconnue.']);
  });

  describe('email', () => {
    it('trims a valid address and keeps its case', () => {
      expect(contactFields.parse({ ...minimalContact, email: '  Jeanne.Dupont@gironde.gouv.fr ' }).email).toBe('Jeanne.Dupont@gironde.gouv.fr');
    });

    it('stores a blank address as null', () => {
      expect(contactFields.parse({ ...minimalContact, email: '   ' }).email).toBeNull();
    });

    it('rejects malformed addresses with a French message', () => {
      for (const email of ['jeanne', 'jeanne@', '@exemple.fr', 'jeanne@exemple', 'jeanne dupont@exemple.fr', 'a@b@c.fr']) {
        expect(messagesAt(contactFields, { ...minimalContact, email }, 'email')).toEqual(['Adresse électronique invalide (exemple : prenom.nom@exemple.fr).']);
      }
    });
  });

  describe('phone', () => {
    it('accepts French and international notations, trimmed', () => {
      for (const phone of ['05 56 00 00 00', '05.56.00.00.00', '+33 (0)5 56 00 00 00', '0556000000', '+262 262 00 00 00']) {
        expect(contactFields.parse({ ...minimalContact, phone: ` ${phone} ` }).phone).toBe(phone);
      }
    });

    it('rejects letters and numbers too short to dial', () => {
      for (const phone of ['appeler le standard', '12 34 5', '05 56 AB CD EF']) {
        expect(messagesAt(contactFields, { ...minimalContact, phone }, 'phone')).toEqual(['Numéro de téléphone invalide.']);
      }
    });
  });

  it('validates the confirmation date as a real calendar date', () => {
    expect(contactFields.parse({ ...minimalContact, confirmedOn: '2024-02-29' }).confirmedOn).toBe('2024-02-29');
    expect(messagesAt(contactFields, { ...minimalContact, confirmedOn: '2026-02-29' }, 'confirmedOn')).toEqual(['Date invalide (format attendu : jj/mm/aaaa).']);
  });

  it('requires isMember to be a boolean', () => {
    expect(contactFields.parse({ ...minimalContact, isMember: true }).isMember).toBe(true);
    expect(issues(contactFields, { ...minimalContact, isMember: 'oui' }).map((i) => i.path)).toEqual(['isMember']);
  });

  it('rejects unknown keys and NUL bytes', () => {
    expect(issues(contactFields, { ...minimalContact, mobile: '06' })[0]!.code).toBe('unrecognized_keys');
    expect(messagesAt(contactFields, { ...minimalContact, role: 'Chef\u0000' }, 'role')).toEqual(['Ce texte contient des caractères non autorisés.']);
  });
});

describe('contactUpdate', () => {
  it('takes an id and no partnerId (a contact does not move between structures)', () => {
    const id = randomUUID();
    expect(contactUpdate.parse({ id, lastName: 'Martin' }).id).toBe(id);
    expect(issues(contactUpdate, { id, lastName: 'Martin', partnerId })[0]!.code).toBe('unrecognized_keys');
    expect(messagesAt(contactUpdate, { lastName: 'Martin' }, 'id').length).toBe(1);
  });
});

describe('isoDate', () => {
  it('accepts real dates between 1900-01-01 and 2100-12-31', () => {
    for (const date of ['1900-01-01', '2000-02-29', '2024-02-29', '2026-03-05', '2100-12-31']) {
      expect(isoDate.parse(date)).toBe(date);
    }
  });

  it('rejects dates outside the bounds', () => {
    for (const date of ['1899-12-31', '2101-01-01', '0026-03-05', '9999-12-31']) {
      expect(isoDate.safeParse(date).success).toBe(false);
    }
  });

  it('rejects dates that do not exist', () => {
    for (const date of ['2026-02-29', '2100-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32']) {
      expect(isoDate.safeParse(date).success).toBe(false);
    }
  });

  it('rejects other formats with the French message', () => {
    for (const date of ['05/03/2026', '2026-3-5', '2026-03-05T00:00:00Z', ' 2026-03-05', '']) {
      expect(messagesAt(isoDate, date, '')).toEqual(['Date invalide (format attendu : jj/mm/aaaa).']);
    }
  });

  it('optionalDate turns null and undefined into null', () => {
    expect(optionalDate.parse(null)).toBeNull();
    expect(optionalDate.parse(undefined)).toBeNull();
    expect(optionalDate.safeParse('2026-02-30').success).toBe(false);
  });
});

describe('byId', () => {
  it('takes exactly one UUID', () => {
    const id = randomUUID();
    expect(byId.parse({ id })).toEqual({ id });
    expect(messagesAt(byId, { id: 'x' }, 'id')).toEqual(['Identifiant invalide.']);
    expect(issues(byId, { id, extra: 1 })[0]!.code).toBe('unrecognized_keys');
  });
});

describe('commission schemas', () => {
  it('accepts known départements, including Corsica and overseas', () => {
    for (const departmentCode of ['01', '2A', '2B', '33', '974', '976']) {
      expect(createCommission.parse({ departmentCode })).toEqual({ departmentCode, name: null });
    }
  });

  it('rejects unknown département codes with a French message', () => {
    for (const departmentCode of ['20', '975', '96', '2a', '33 ', '']) {
      expect(messagesAt(createCommission, { departmentCode }, 'departmentCode')).toEqual(['Département inconnu : choisissez-le dans la liste.']);
    }
  });

  it('requires a commission name in the settings', () => {
    expect(messagesAt(commissionSettings, { name: '  ', departmentCode: '33', secretaryName: null }, 'name')).toEqual(['Le nom de la commission est obligatoire.']);
    expect(commissionSettings.parse({ name: ' CDLP ', departmentCode: '33' })).toEqual({
      name: 'CDLP',
      departmentCode: '33',
      secretaryName: null,
      prefectureCity: null,
      secretariatContact: null,
      prefectCivility: null,
      prefectName: null,
      signatoryName: null,
      signatoryTitle: null,
      signsByDelegation: false,
    });
  });
});
