import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/main/documents/report/data';
import { coveringCampaign, lastReturnOn, returnsEssential } from '../../src/main/documents/report/returns';

const campaign = (name: string, periodFrom: string, periodTo: string, asked: number, answered: number, createdAt = `${periodTo}T12:00:00.000Z`) => ({ name, periodFrom, periodTo, createdAt, asked, answered });

function data(returns: ReportData['returns']): ReportData {
  return { returns } as ReportData;
}

describe('returns in the bilan', () => {
  const year = { from: '2025-01-01', to: '2025-12-31' };

  it('takes the campaign overlapping the period that ends last, and none when none overlaps or nobody was asked', () => {
    const d = data({ campaigns: [campaign('Printemps', '2025-01-01', '2025-05-31', 60, 40), campaign('Automne', '2025-06-01', '2025-11-30', 69, 45), campaign('2026', '2026-01-01', '2026-06-30', 70, 10)], entries: [] });
    expect(coveringCampaign(d, year)?.name).toBe('Automne');
    expect(coveringCampaign(d, { from: '2024-01-01', to: '2024-12-31' })).toBeNull();
    expect(coveringCampaign(data({ campaigns: [campaign('Vide', '2025-01-01', '2025-12-31', 0, 0)], entries: [] }), year)).toBeNull();
  });

  it('says the rate in one sentence, in the singular and the plural', () => {
    expect(returnsEssential(data({ campaigns: [campaign('Automne', '2025-06-01', '2025-11-30', 69, 45)], entries: [] }), year)).toBe(
      '45 structures ont répondu à la campagne de remontées « Automne » sur 69 interrogées (65 %).',
    );
    expect(returnsEssential(data({ campaigns: [campaign('Automne', '2025-06-01', '2025-11-30', 1, 1)], entries: [] }), year)).toBe('1 structure a répondu à la campagne de remontées « Automne » sur 1 interrogée (100 %).');
    expect(returnsEssential(data({ campaigns: [campaign('Automne', '2025-06-01', '2025-11-30', 3, 0)], entries: [] }), year)).toBe('Aucune structure n’a répondu à la campagne de remontées « Automne » sur 3 interrogées (0 %).');
    expect(returnsEssential(data({ campaigns: [], entries: [] }), year)).toBeNull();
  });

  it('dates a fiche’s last return up to the period’s end', () => {
    const d = data({ campaigns: [], entries: [{ actionId: 'a', on: '2025-03-01' }, { actionId: 'a', on: '2025-10-02' }, { actionId: 'a', on: '2026-02-01' }, { actionId: 'b', on: '2025-04-04' }] });
    expect(lastReturnOn(d, 'a', year)).toBe('2025-10-02');
    expect(lastReturnOn(d, 'b', year)).toBe('2025-04-04');
    expect(lastReturnOn(d, 'c', year)).toBeNull();
  });
});
