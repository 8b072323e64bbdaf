import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapStateReturnLetter } from '../../src/main/documents/state-return/letter';
import { mapSynthesis } from '../../src/main/documents/state-return/synthesis';
import { departement } from '../../src/shared/departements';
import {
  associationId,
  CAMPAIGN_ANSWERED,
  CAMPAIGN_ASKED,
  DEFAULT_MAP_INDICATOR,
  INDICATORS,
  isKnownIndicator,
  majorOf,
  zoneDepartement,
  zoneId,
  type ConsolidatedReturn,
  type Consolidation,
} from '../../src/shared/state-return';

describe('the catalogue of the yearly return', () => {
  it('gives every indicator a unique stable id, and every part it sums is an indicator', () => {
    const ids = INDICATORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of INDICATORS) {
      expect(d.id).toMatch(/^[a-z0-9_]+$/);
      for (const p of d.parts ?? []) expect(ids, `${d.id} ⊃ ${p}`).toContain(p);
    }
  });

  it('defines every indicator in docs/remontee-annuelle.md', () => {
    const doc = readFileSync(new URL('../../docs/remontee-annuelle.md', import.meta.url), 'utf8');
    const indicators = doc.slice(doc.indexOf('## Les indicateurs'));
    const documented = new Set([...indicators.matchAll(/^\| `([a-z0-9_]+)` \| [^|]+ \| ([^|]+) \|/gm)].filter((m) => m[2]!.trim().length > 10).map((m) => m[1]));
    expect(INDICATORS.filter((d) => !documented.has(d.id)).map((d) => d.id)).toEqual([]);
    expect([...documented].filter((id) => !INDICATORS.some((d) => d.id === id))).toEqual([]);
  });

  it('writes zones as PILOTE does and knows only the official départements', () => {
    expect(zoneId('2A')).toBe('D2A');
    expect(zoneDepartement('D2A')).toBe('2A');
    expect(zoneDepartement('D974')).toBe('974');
    expect(zoneDepartement('D20')).toBeNull();
    expect(zoneDepartement('D975')).toBeNull();
    expect(zoneDepartement('33')).toBeNull();
  });

  it('names an association’s requests from its name, accents and punctuation aside', () => {
    expect(associationId('Amicale du Nid – Gironde')).toBe('parcours_demandes_association_amicale_du_nid_gironde');
    expect(associationId('Équipe « Accès »')).toBe('parcours_demandes_association_equipe_acces');
    expect(isKnownIndicator(associationId('Amicale du Nid'))).toBe(true);
    expect(isKnownIndicator('parcours_inconnu')).toBe(false);
  });

  it('reads the major of a version', () => {
    expect(majorOf('1.0.0')).toBe(1);
    expect(majorOf('12.3.4')).toBe(12);
    expect(majorOf('1.0')).toBeNull();
  });
});

describe('the préfet’s cover letter', () => {
  const base = {
    year: 2025,
    commissionName: 'Commission départementale de lutte contre la prostitution – Corse-du-Sud',
    departementName: 'Corse-du-Sud',
    regionName: 'Corse',
    prefectureCity: 'Ajaccio',
    signatory: { prefectCivility: 'Mme' as const, prefectName: 'Claire Dubois', signatoryName: 'Anne Martin', signatoryTitle: 'Secrétaire générale', signsByDelegation: true },
    logo: null,
    producedOn: '2026-01-15',
    before: new Map([['seances_tenues', 3]]),
    plenaryTarget: 2,
    attachments: ['classeur x.xlsx'],
  };

  it('says the year’s essentials in words, the figures beside the previous year’s, and signs by delegation', () => {
    const v = mapStateReturnLetter({ ...base, now: new Map([['seances_tenues', 4], ['seances_pleniere', 1], ['parcours_demandes', 1], ['parcours_avis', 0], ['parcours_personnes_en_parcours', 2]]) });
    expect(v.dateLine).toBe('Ajaccio, le 15 janvier 2026');
    expect(v.addressee.at(-1)).toContain('Corse');
    expect(v.paragraphs[1]).toBe(
      'En 2025, la commission a tenu 4 séances, dont 1 séance plénière (2 étaient prévues par la règle de l’année). Elle a reçu 1 demande de parcours de sortie de la prostitution et n’a rendu aucun avis ; 2 personnes étaient en parcours le 31 décembre 2025.',
    );
    expect(v.figures[0]).toEqual(['Séances tenues', '4', '3']);
    expect(v.signature).toEqual(['Pour la préfète et par délégation,', 'Secrétaire générale', 'Anne Martin']);
  });

  it('says so when the commission did not meet', () => {
    const v = mapStateReturnLetter({ ...base, prefectureCity: null, now: new Map() });
    expect(v.dateLine).toBe('Le 15 janvier 2026');
    expect(v.paragraphs[1]).toMatch(/^En 2025, la commission ne s’est pas réunie\. Elle n’a reçu aucune demande de parcours de sortie de la prostitution ni rendu d’avis ; aucune personne n’était en parcours/);
  });
});

describe('the synthesis of a consolidation', () => {
  const returnOf = (code: string, now: [string, number][]): ConsolidatedReturn => ({
    departement: departement(code)!,
    file: `${code}/datapackage.json`,
    created: null,
    now: new Map(now),
    before: new Map(),
    labels: new Map(),
  });
  const consolidation = (returns: ConsolidatedReturn[]): Consolidation => {
    const ids = new Set(returns.flatMap((r) => [...r.now.keys()]));
    return {
      year: 2025,
      region: null,
      returns,
      setAside: [],
      duplicates: [],
      filesExamined: returns.length,
      missing: [],
      totals: { now: new Map([...ids].map((id) => [id, returns.reduce((n, r) => n + (r.now.get(id) ?? 0), 0)])), before: new Map(), withPrevious: 0 },
      indicators: INDICATORS.map((d) => ({ id: d.id, label: d.label })),
    };
  };

  it('gives the partners’ answer rate of the départements that ran a campaign, from the summed counts', () => {
    const c = consolidation([
      returnOf('33', [['seances_tenues', 3], [CAMPAIGN_ASKED, 40], [CAMPAIGN_ANSWERED, 30]]),
      returnOf('2A', [['seances_tenues', 2], [CAMPAIGN_ASKED, 10], [CAMPAIGN_ANSWERED, 3]]),
      returnOf('971', [['seances_tenues', 1]]),
    ]);
    const v = mapSynthesis(c, { mapIndicator: DEFAULT_MAP_INDICATOR, producedOn: '2026-01-20' });
    expect(v.essentials).toContain('Dans 2 départements qui ont mené une campagne de remontées auprès des partenaires couvrant 2025, 33 structures ont répondu sur 50 interrogées (66 %).');
    // 2025: one plenary a year was the rule (two from 2026); 33 held none.
    expect(v.essentials[1]).toBe('Toutes les commissions se sont réunies en 2025 ; 3 n’ont tenu aucune séance plénière, quand la règle de l’année en demandait une.');
    const without = mapSynthesis(consolidation([returnOf('971', [['seances_tenues', 1]])]), { mapIndicator: DEFAULT_MAP_INDICATOR, producedOn: '2026-01-20' });
    expect(without.essentials.join(' ')).not.toContain('campagne');
  });
});
