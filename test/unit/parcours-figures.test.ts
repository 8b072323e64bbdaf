import { describe, expect, it } from 'vitest';
import { addMonths, capDate, computeFigures, periodEnd, type FigureRequest } from '../../src/shared/parcours';

const base: Omit<FigureRequest, 'chainId' | 'renewalNumber' | 'receivedOn'> = {
  opinion: null,
  opinionOn: null,
  decision: null,
  decisionOn: null,
  startsOn: null,
  endsOn: null,
  endReason: null,
  closedOn: null,
  rights: [],
};
const r = (o: Partial<FigureRequest> & Pick<FigureRequest, 'chainId' | 'receivedOn'>): FigureRequest => ({ ...base, renewalNumber: 0, ...o });

// Four people (chains A–D) and a refused request (E), over 2025–2026.
const fixture: FigureRequest[] = [
  // A: authorised Feb 2025, renewed from Aug 2025, left early on 2025-12-15 (sortie anticipée).
  r({ chainId: 'A', receivedOn: '2025-01-10', opinion: 'favorable', opinionOn: '2025-01-30', decision: 'autorise', decisionOn: '2025-02-01', startsOn: '2025-02-01', endsOn: '2025-07-31', endReason: 'renouvele', closedOn: '2025-07-31' }),
  r({ chainId: 'A', renewalNumber: 1, receivedOn: '2025-07-01', opinion: 'favorable', opinionOn: '2025-07-10', decision: 'autorise', decisionOn: '2025-07-20', startsOn: '2025-08-01', endsOn: '2026-01-31', endReason: 'sortie_anticipee', closedOn: '2025-12-15' }),
  // B: authorised Nov 2025, in a parcours on 31/12/2025.
  r({ chainId: 'B', receivedOn: '2025-10-01', opinion: 'favorable', opinionOn: '2025-10-20', decision: 'autorise', decisionOn: '2025-11-01', startsOn: '2025-11-01', endsOn: '2026-04-30' }),
  // C: unfavourable avis, refused in 2025.
  r({ chainId: 'C', receivedOn: '2025-03-01', opinion: 'defavorable', opinionOn: '2025-03-20', decision: 'refuse', decisionOn: '2025-04-01', endReason: 'refus', closedOn: '2025-04-01' }),
  // D: adjourned in 2025, still waiting.
  r({ chainId: 'D', receivedOn: '2025-11-15', opinion: 'ajourne', opinionOn: '2025-12-01' }),
  // E: received in 2024: not a 2025 request; parcours ended (fin du parcours) on 2025-03-31.
  r({ chainId: 'E', receivedOn: '2024-09-01', opinion: 'favorable', opinionOn: '2024-09-20', decision: 'autorise', decisionOn: '2024-10-01', startsOn: '2024-10-01', endsOn: '2025-03-31', endReason: 'fin_parcours', closedOn: '2025-03-31' }),
];

describe('parcours dates', () => {
  it('counts six months from the start, and 24 months for a chain', () => {
    expect(periodEnd('2026-01-15')).toBe('2026-07-14');
    expect(periodEnd('2025-08-31')).toBe('2026-02-27');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(capDate('2025-02-01')).toBe('2027-01-31');
  });
});

/** A day after every date of the fixture. */
const AFTER = '2026-06-01';

describe('computeFigures', () => {
  it('gives the known answers for 2025', () => {
    const f = computeFigures(fixture, '2025-01-01', '2025-12-31', AFTER);
    expect(f).toMatchObject({
      firstRequests: 4,
      renewals: 1,
      favourableOpinions: 3,
      unfavourableOpinions: 1,
      adjournedOpinions: 1,
      authorisations: 3,
      refusals: 1,
      inProgressAtEnd: 1,
      exitsTotal: 2,
    });
    expect(f.exits).toEqual({ fin_parcours: 1, sortie_anticipee: 1, abandon: 0, depart: 0, autre: 0 });
    // A: 01/02/2025 → 15/12/2025 = 318 days; E: 01/10/2024 → 31/03/2025 = 182 days; mean 250 days = 8.2 months.
    expect(f.meanDurationMonths).toBe(8.2);
  });

  it('counts people month by month, a renewal being the same person', () => {
    const f = computeFigures(fixture, '2025-01-01', '2025-12-31', AFTER);
    expect(f.monthly.map((m) => m.inProgress)).toEqual([1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 2, 1]);
    expect(f.monthly[0]).toEqual({ month: '2025-01', inProgress: 1 });
  });

  it('counts a period not yet over on today: no forecast from planned end dates, no month to come', () => {
    // On 20/11/2025 A and B are in a parcours; A's ends on 15/12/2025, so a count on 31/12 would drop it.
    const f = computeFigures(fixture, '2025-01-01', '2025-12-31', '2025-11-20');
    expect(f.asOf).toBe('2025-11-20');
    expect(f.inProgressAtEnd).toBe(2);
    expect(f.monthly.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11']);
    expect(f.monthly.at(-1)).toEqual({ month: '2025-11', inProgress: 2 });
    expect(computeFigures(fixture, '2025-01-01', '2025-12-31', AFTER)).toMatchObject({ asOf: '2025-12-31', inProgressAtEnd: 1 });
  });

  it('gives nothing for an empty period and null mean duration', () => {
    const f = computeFigures(fixture, '2023-01-01', '2023-12-31', AFTER);
    expect(f.firstRequests + f.renewals + f.inProgressAtEnd + f.exitsTotal).toBe(0);
    expect(f.meanDurationMonths).toBeNull();
  });
});
