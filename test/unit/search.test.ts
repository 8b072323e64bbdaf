import { describe, expect, it } from 'vitest';
import { compareFrench, foldText, matchesText, matchRank, searchItems, sortFrench } from '../../src/shared/search';

describe('French text matching', () => {
  it('ignores accents, case, ligatures and typographic apostrophes', () => {
    expect(foldText('Préfecture de l’Hérault — ŒUVRE')).toBe("prefecture de l'herault - oeuvre");
    expect(matchesText('prefecture', 'Préfecture de la Gironde')).toBe(true);
    expect(matchesText('PREFECTURE gironde', 'Préfecture de la Gironde')).toBe(true);
    expect(matchesText('oeuvre', 'Œuvre de protection')).toBe(true);
    expect(matchesText("l'enfance", 'Aide sociale à l’enfance')).toBe(true);
    expect(matchesText('gironde landes', 'Préfecture de la Gironde')).toBe(false);
    expect(matchesText('  ', 'anything')).toBe(true);
  });

  const axes = [1, 2, 3, 4].map((n) => ({ id: `axe${n}`, label: `Axe ${n} — Axe`, group: 'Stratégie 2024', detail: `Intitulé ${n}`, keys: [`Axe ${n}`, `AXE${n}`] }));
  const actions = [
    { id: 'a15', label: 'Action 15 — Mesure', group: 'Plan 2021', detail: 'Former les professionnels', keys: ['Action 15', 'A15'] },
    { id: 'a5', label: 'Action 5 — Mesure', group: 'Plan 2021', detail: 'Repérer les mineurs', keys: ['Action 5', 'A5'] },
  ];

  it('finds a reference whatever dash it was printed or pasted with', () => {
    for (const printed of ['PS\u20112026\u2011007', 'PS\u22122026\u2212007', 'PS–2026–007']) {
      expect(matchesText('PS-2026-007', printed)).toBe(true);
      expect(matchesText(printed, 'Demande PS-2026-007')).toBe(true);
    }
  });

  it('finds codes and short names, exact match first', () => {
    expect(searchItems([...actions, ...axes], 'A5').map((i) => i.id)).toEqual(['a5']);
    expect(searchItems([...actions, ...axes], 'axe 2')[0]?.id).toBe('axe2');
    expect(searchItems([...actions, ...axes], 'action 5').map((i) => i.id)).toEqual(['a5', 'a15']);
    expect(searchItems([{ id: 'f', label: 'FA-027 – Formation', keys: ['FA-027'] }, { id: 'g', label: 'FA-0270 – Autre', keys: ['FA-0270'] }], 'fa-027').map((i) => i.id)).toEqual(['f', 'g']);
  });

  it('ranks an exact key, then a prefix, then the label, then the detail', () => {
    const item = { label: 'Axe 2 — Axe', detail: 'Protéger les mineurs', group: 'Stratégie 2024', keys: ['Axe 2', 'AXE2'] };
    expect(matchRank(item, 'axe 2')).toBe(0);
    expect(matchRank(item, 'axe2')).toBe(0);
    expect(matchRank(item, 'axe')).toBe(1);
    expect(matchRank(item, '2 axe')).toBe(2);
    expect(matchRank(item, 'proteger')).toBe(3);
    expect(matchRank(item, 'majeurs')).toBeNull();
  });

  it('keeps the given order within a rank and honours the limit', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: String(i), label: `Structure ${i}` }));
    expect(searchItems(many, 'structure', 3).map((i) => i.id)).toEqual(['0', '1', '2']);
  });

  it('sorts the French way: accents with their letter, numbers by value, case ignored, empty last', () => {
    expect(['Protection', 'ARS', 'Préfecture', 'Amicale', 'Zonta', 'école'].sort(compareFrench)).toEqual(['Amicale', 'ARS', 'école', 'Préfecture', 'Protection', 'Zonta']);
    expect(['Action 10', 'Action 9', 'Action 1'].sort(compareFrench)).toEqual(['Action 1', 'Action 9', 'Action 10']);
    expect(['b', null, 'a', ''].sort(compareFrench)).toEqual(['a', 'b', null, '']);
  });

  it('sorts rows by several keys the French way, where SQLite’s NOCASE does not', () => {
    // NOCASE compares code points: « Weber » before « Étienne », « Guyot » before « Guérin », « Œhlenschläger » after « Würtz ».
    const people = [
      { structure: 'Direction départementale', name: 'Weber' },
      { structure: 'Délégation aux droits des femmes', name: 'Guyot' },
      { structure: 'Délégation aux droits des femmes', name: 'Guérin' },
      { structure: 'Direction départementale', name: 'Étienne' },
      { structure: null, name: 'Würtz' },
      { structure: null, name: 'Œhlenschläger' },
    ];
    expect(sortFrench(people, (p) => [p.structure, p.name]).map((p) => p.name)).toEqual(['Guérin', 'Guyot', 'Étienne', 'Weber', 'Œhlenschläger', 'Würtz']);
    // Numbers first as given (negated for a decreasing order), then the text; rows equal on every key keep their order.
    const rows = [
      { member: false, name: 'Amicale', n: 1 },
      { member: true, name: 'Zonta', n: 2 },
      { member: true, name: 'école', n: 3 },
      { member: false, name: 'amicale', n: 4 },
    ];
    expect(sortFrench(rows, (r) => [r.member ? 0 : 1, r.name]).map((r) => r.n)).toEqual([3, 2, 1, 4]);
    expect(sortFrench([], () => [])).toEqual([]);
  });
});
