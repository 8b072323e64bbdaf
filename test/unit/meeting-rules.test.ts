import { describe, expect, it } from 'vitest';
import { prefectForms, reportRecipients, salutation, signatureBlock, type SignatureSource } from '../../src/shared/letters';
import {
  collegeOfPartnerType,
  computeQuorum,
  convocationIsLate,
  deliberatesValidly,
  meetingRules,
  policyMeetingsRule,
  requiredPolicyMeetings,
  sitsAt,
  voteProblem,
  whyNotSitting,
  type QuorumAttendee,
} from '../../src/shared/meeting-rules';
import { partnerTypes } from '../../src/shared/labels';
import { agrementState, agrementWarning } from '../../src/shared/parcours';

const seat = (id: string, title: 'commission' | 'protection_enfance' = 'commission', minorsCoordination = false) => ({ id, title, minorsCoordination });
const holder = (seatId: string, status: QuorumAttendee['status'], memberRole: QuorumAttendee['memberRole'] = 'titulaire'): QuorumAttendee => ({ seatId, memberRole, status });

describe('who sits at each kind of meeting', () => {
  it('follows the title of the seat, never the type of the structure', () => {
    const member = { title: 'commission' as const, minorsCoordination: false };
    const childProtection = { title: 'protection_enfance' as const, minorsCoordination: true };
    expect(sitsAt('pleniere', member) && sitsAt('pleniere', childProtection)).toBe(true);
    expect(sitsAt('examen_parcours', member)).toBe(true);
    expect(sitsAt('examen_parcours', childProtection)).toBe(false);
    expect(whyNotSitting('examen_parcours', childProtection)).toMatch(/au titre de la protection de l’enfance/);
    // The coordination of minors' situations seats those its seats say, and examines no request.
    expect(sitsAt('restreinte', childProtection)).toBe(true);
    expect(sitsAt('restreinte', member)).toBe(false);
    expect(meetingRules('restreinte')).toMatchObject({ coordinatesMinors: true, examinesRequests: false, quorum: false, restricted: true });
    expect(meetingRules('examen_parcours')).toMatchObject({ examinesRequests: true, restricted: true, quorum: true, policy: false });
    expect(meetingRules('pleniere')).toMatchObject({ policy: true, quorum: true, restricted: false });
    expect(meetingRules('comite_technique').quorum).toBe(false);
  });
});

describe('the college a new seat is proposed in', () => {
  it('the ARS among the State services; a hospital, its UAPED or a maison des adolescents not', () => {
    expect(collegeOfPartnerType('sante', 'Agence régionale de santé – délégation départementale de la Gironde')).toBe('etat');
    expect(collegeOfPartnerType('sante', 'ARS Nouvelle-Aquitaine')).toBe('etat');
    expect(collegeOfPartnerType('sante', 'CHU de Bordeaux – Unité d’accueil pédiatrique enfants en danger (UAPED)')).toBe('personnalites');
    expect(collegeOfPartnerType('sante', 'Maison des adolescents de la Gironde')).toBe('personnalites');
    expect(collegeOfPartnerType('police', 'Direction interdépartementale de la police nationale')).toBe('etat');
    expect(collegeOfPartnerType('association_sortie', 'Amicale du Nid')).toBe('associations');
  });
});

describe('quorum of R. 133-10, counted by seat', () => {
  it('half of the seats composing the body, present (also at a distance), replaced by their suppléant or having given a mandate', () => {
    const seats = [seat('a'), seat('b'), seat('c'), seat('d'), seat('e'), seat('f')];
    const q = computeQuorum('pleniere', {
      waived: false,
      seats,
      attendees: [
        holder('a', 'present'),
        holder('b', 'supplee'),
        holder('c', 'mandat'),
        holder('d', 'excuse'),
        // A suppléant who comes for an excused titulaire counts the seat once.
        holder('d', 'distance', 'suppleant'),
        holder('e', 'absent'),
        { seatId: null, memberRole: null, status: 'present' },
      ],
    });
    expect(q).toMatchObject({ applies: true, waived: false, composition: 6, counted: 4, required: 3, pending: 0, reached: true });
    expect(computeQuorum('pleniere', { waived: false, seats: seats.slice(0, 5), attendees: [holder('a', 'present'), holder('b', 'present')] })).toMatchObject({ required: 3, reached: false });
    expect(computeQuorum('pleniere', { waived: false, seats: [], attendees: [] }).reached).toBe(false);
  });

  it('leaves out the seats that do not sit at this kind of meeting: the examination of requests counts no child-protection seat', () => {
    const seats = [seat('a'), seat('b'), seat('c', 'protection_enfance'), seat('d', 'protection_enfance')];
    const attendees = [holder('a', 'present'), holder('b', 'excuse')];
    expect(computeQuorum('examen_parcours', { waived: false, seats, attendees })).toMatchObject({ composition: 2, counted: 1, required: 1, reached: true });
    expect(computeQuorum('pleniere', { waived: false, seats, attendees })).toMatchObject({ composition: 4, required: 2, reached: false });
  });

  it('an item leaves out the seats of the members with an interest in it', () => {
    const seats = [seat('a'), seat('b'), seat('c')];
    const attendees = [holder('a', 'present'), holder('b', 'present'), holder('c', 'excuse')];
    expect(computeQuorum('examen_parcours', { waived: false, seats, attendees, leftOut: new Set(['a']) })).toMatchObject({ composition: 2, counted: 1, required: 1, reached: true });
    expect(computeQuorum('examen_parcours', { waived: false, seats, attendees: [holder('a', 'present'), holder('c', 'excuse')], leftOut: new Set(['a']) }).reached).toBe(false);
  });

  it('cannot be judged while attendance is not noted; a new convocation deliberates without it', () => {
    const seats = [seat('a'), seat('b')];
    const pending = computeQuorum('examen_parcours', { waived: false, seats, attendees: [holder('a', 'invite'), holder('b', 'invite')] });
    expect(pending).toMatchObject({ pending: 2, reached: false });
    expect(deliberatesValidly(pending)).toBe(false);
    const waived = computeQuorum('examen_parcours', { waived: true, seats, attendees: [holder('a', 'excuse'), holder('b', 'absent')] });
    expect(waived).toMatchObject({ waived: true, reached: false });
    expect(deliberatesValidly(waived)).toBe(true);
    expect(deliberatesValidly(computeQuorum('comite_technique', { waived: false, seats, attendees: [] }))).toBe(true);
  });

  it('warns about a convocation less than 5 days before the session (R. 133-8), not for past sessions', () => {
    expect(convocationIsLate('2026-03-19T14:30', '2026-03-15')).toBe(true);
    expect(convocationIsLate('2026-03-19T14:30', '2026-03-14')).toBe(false);
    expect(convocationIsLate('2026-03-19T14:30', '2026-03-20')).toBe(false);
  });
});

describe('vote of R. 133-11', () => {
  const vote = (f: number, a: number, abstention = 0, casting: 'pour' | 'contre' | null = null) => ({ for: f, against: a, abstention, casting });
  it('a majority of the members who may vote, the chair settling a tie', () => {
    expect(voteProblem(vote(5, 1, 1), 7, 'favorable')).toBeNull();
    expect(voteProblem(vote(5, 1, 2), 7, 'favorable')).toMatch(/8 voix pour 7 membres/);
    expect(voteProblem(vote(1, 5), 7, 'favorable')).toMatch(/défavorable/);
    expect(voteProblem(vote(3, 3), 6, 'defavorable')).toMatch(/voix prépondérante/);
    expect(voteProblem(vote(3, 3, 0, 'contre'), 6, 'defavorable')).toBeNull();
    expect(voteProblem(vote(3, 3, 0, 'contre'), 6, 'favorable')).toMatch(/défavorable/);
    expect(voteProblem(vote(4, 2, 0, 'pour'), 6, 'favorable')).toMatch(/voix égales/);
  });
});

describe('meetings a year deliberating on departmental policy', () => {
  it('one a year until 2025, two a year from 2026 (decree of 30 December 2025)', () => {
    expect(requiredPolicyMeetings('2024-01-01', '2024-12-31')).toBe(1);
    expect(requiredPolicyMeetings('2025-01-01', '2025-06-30')).toBe(0);
    expect(requiredPolicyMeetings('2026-01-01', '2026-12-31')).toBe(2);
    expect(requiredPolicyMeetings('2026-01-01', '2026-06-30')).toBe(1);
    expect(requiredPolicyMeetings('2026-01-01', '2026-03-31')).toBe(0);
    expect(requiredPolicyMeetings('2025-07-01', '2026-06-30')).toBe(1);
    expect(requiredPolicyMeetings('2024-01-01', '2026-12-31')).toBe(4);
    expect(policyMeetingsRule('2024-01-01', '2024-12-31')).toBe('une fois par an au moins');
    expect(policyMeetingsRule('2025-01-01', '2026-12-31')).toMatch(/^une fois par an jusqu’en 2025, deux fois par an/);
  });
});

describe('agrément of an association (CASF R. 121-12-3)', () => {
  it('three years unless said otherwise, until the day before its anniversary', () => {
    expect(agrementState({ agrementOn: '2023-03-15', agrementYears: 3 }, '2026-03-14')).toEqual({ status: 'valide', until: '2026-03-14' });
    expect(agrementState({ agrementOn: '2023-03-15', agrementYears: 3 }, '2026-03-15')).toEqual({ status: 'expire', until: '2026-03-14' });
    expect(agrementState({ agrementOn: '2023-03-15', agrementYears: 5 }, '2026-03-15').status).toBe('valide');
    expect(agrementState({ agrementOn: null, agrementYears: null }, '2026-03-15')).toEqual({ status: 'absent' });
    expect(agrementWarning({ status: 'expire', until: '2026-03-14' })).toBe('agrément expiré (valable jusqu’au 14/03/2026)');
    expect(agrementWarning({ status: 'valide', until: '2026-03-14' })).toBeNull();
  });
});

describe('letters: the préfète, greetings, the signatory', () => {
  it('every form of the préfet in both genders', () => {
    expect(prefectForms('Mme')).toEqual({ title: 'la préfète', address: 'Madame la préfète', delegation: 'Pour la préfète et par délégation,', signature: 'La préfète,', chairs: 'présidente' });
    expect(prefectForms('M.')).toEqual({ title: 'le préfet', address: 'Monsieur le préfet', delegation: 'Pour le préfet et par délégation,', signature: 'Le préfet,', chairs: 'président' });
    expect(reportRecipients('Mme')).toBe('À l’attention de Madame la préfète, présidente de la commission, et des membres de la commission');
  });

  it('greets by function only where French letters do', () => {
    expect(salutation({ civility: 'Mme', role: 'Directrice départementale' })).toBe('Madame la directrice,');
    expect(salutation({ civility: 'M.', role: 'Directeur général adjoint des solidarités' })).toBe('Monsieur le directeur général,');
    expect(salutation({ civility: 'M.', role: 'Commissaire divisionnaire, chef du service de sécurité de proximité' })).toBe('Monsieur le commissaire divisionnaire,');
    expect(salutation({ civility: 'Mme', role: 'Inspectrice d’académie, directrice académique' })).toBe('Madame l’inspectrice d’académie,');
    expect(salutation({ civility: 'Mme', role: 'Procureure de la République' })).toBe('Madame la procureure de la République,');
    expect(salutation({ civility: 'Mme', role: 'Vice-présidente chargée de la protection de l’enfance' })).toBe('Madame la vice-présidente,');
    expect(salutation({ civility: 'Mme', role: 'Pédiatre, responsable de l’UAPED' })).toBe('Madame,');
    expect(salutation({ civility: 'M.', role: 'Juriste' })).toBe('Monsieur,');
    expect(salutation({ civility: 'Mme', role: 'DDFE de la Gironde' })).toBe('Madame,');
    expect(salutation({ civility: 'Dr', role: 'Médecin légiste' })).toBe('Docteur,');
    expect(salutation({ civility: null, role: 'Directeur' })).toBe('Madame, Monsieur,');
  });

  it('the signatory is whoever chairs, then the one of Paramètres, then the préfet', () => {
    const commission = { prefectCivility: 'Mme' as const, prefectName: 'Claire Rolland', signatoryName: 'Paul Roy', signatoryTitle: 'Le secrétaire général', signsByDelegation: true };
    const meeting = { chair: null, signatoryName: null, signatoryTitle: null, signsByDelegation: null };
    const sign = (m: Partial<SignatureSource['meeting']>, c: Partial<SignatureSource['commission']> = {}) => signatureBlock({ meeting: { ...meeting, ...m }, commission: { ...commission, ...c } });
    expect(sign({ chair: 'M. Hugo Marchand, secrétaire général de la préfecture' })).toEqual(['Pour la préfète et par délégation,', 'Le secrétaire général de la préfecture', 'Hugo Marchand']);
    expect(sign({ chair: 'Mme la préfète' })).toEqual(['La préfète,', 'Claire Rolland']);
    expect(sign({ chair: 'Claire Rolland, préfète de la Gironde' })).toEqual(['La préfète,', 'Claire Rolland']);
    expect(sign({})).toEqual(['Pour la préfète et par délégation,', 'Le secrétaire général', 'Paul Roy']);
    expect(sign({}, { signsByDelegation: false, signatoryName: null })).toEqual(['La préfète,', 'Claire Rolland']);
    expect(sign({ chair: 'Mme Léa Vincent, directrice de cabinet', signsByDelegation: false })).toEqual(['La préfète,', 'Claire Rolland']);
    // A chair named by function alone: Paramètres names the person when it holds that function.
    expect(sign({ chair: 'Mme la secrétaire générale de la préfecture' }, { signatoryTitle: 'La secrétaire générale de la préfecture' })).toEqual([
      'Pour la préfète et par délégation,',
      'La secrétaire générale de la préfecture',
      'Paul Roy',
    ]);
    expect(sign({ chair: 'le directeur de cabinet' })).toEqual(['Pour la préfète et par délégation,', 'Le directeur de cabinet']);
    expect(sign({ chair: 'Laurent Dupont, sous-préfet' })).toEqual(['Pour la préfète et par délégation,', 'Le sous-préfet', 'Laurent Dupont']);
  });
});

describe('the rules tried at their edges', () => {
  it('the table of the kinds of meeting, whole', () => {
    const flags = (kind: Parameters<typeof meetingRules>[0]) => {
      const { sits: _sits, ...rest } = meetingRules(kind);
      return rest;
    };
    const none = { quorum: false, restricted: false, policy: false, examinesRequests: false, coordinatesMinors: false };
    expect(flags('pleniere')).toEqual({ ...none, quorum: true, policy: true });
    expect(flags('examen_parcours')).toEqual({ ...none, quorum: true, restricted: true, examinesRequests: true });
    expect(flags('restreinte')).toEqual({ ...none, restricted: true, coordinatesMinors: true });
    expect(flags('comite_technique')).toEqual(none);
    expect(flags('groupe_travail')).toEqual(none);
    // Working meetings invite every seat.
    const childProtection = { title: 'protection_enfance' as const, minorsCoordination: false };
    expect(sitsAt('comite_technique', childProtection) && sitsAt('groupe_travail', childProtection)).toBe(true);
  });

  it('says why a member does not sit, and nothing when they do', () => {
    const member = { title: 'commission' as const, minorsCoordination: false };
    expect(whyNotSitting('pleniere', member)).toBeNull();
    expect(whyNotSitting('examen_parcours', member)).toBeNull();
    expect(whyNotSitting('restreinte', member)).toBe('ne siège pas à la coordination des situations individuelles de mineurs');
    expect(whyNotSitting('examen_parcours', { title: 'protection_enfance', minorsCoordination: true })).toBe(
      'siège au titre de la protection de l’enfance : il ne siège pas à l’examen des demandes de parcours de sortie',
    );
  });

  it('a convocation made on the day of the session is late', () => {
    expect(convocationIsLate('2026-03-19T14:30', '2026-03-19')).toBe(true);
  });

  it('a seat counts through its titulaire’s suppléant or mandate, not through a suppléant’s; attendance is pending only if nobody’s is noted', () => {
    const seats = [seat('a'), seat('b')];
    const q = computeQuorum('pleniere', { waived: false, seats, attendees: [holder('a', 'excuse'), holder('a', 'mandat', 'suppleant'), holder('b', 'invite'), holder('b', 'excuse', 'suppleant')] });
    expect(q).toMatchObject({ counted: 0, pending: 0 });
  });

  it('the count of a vote: one member, nobody voting, a tie settled for', () => {
    const vote = (f: number, a: number, abstention = 0, casting: 'pour' | 'contre' | null = null) => ({ for: f, against: a, abstention, casting });
    expect(voteProblem(vote(2, 0), 1, 'favorable')).toBe('2 voix pour 1 membre pouvant voter : vérifiez le décompte.');
    expect(voteProblem(vote(2, 1), 2, 'favorable')).toBe('3 voix pour 2 membres pouvant voter : vérifiez le décompte.');
    // Nobody voted (the count is not a tie): the avis stands as recorded.
    expect(voteProblem(vote(0, 0), 5, 'favorable')).toBeNull();
    expect(voteProblem(vote(3, 3), 6, 'favorable')).toBe('Partage égal des voix : indiquez le sens de la voix prépondérante de la présidence.');
    expect(voteProblem(vote(3, 3, 0, 'pour'), 6, 'favorable')).toBeNull();
    expect(voteProblem(vote(3, 3, 0, 'pour'), 6, 'defavorable')).toBe('Le vote est favorable : l’avis ne peut pas être défavorable.');
    expect(voteProblem(vote(4, 2), 6, 'defavorable')).toBe('Le vote est favorable : l’avis ne peut pas être défavorable.');
    expect(voteProblem(vote(2, 4), 6, 'defavorable')).toBeNull();
    expect(voteProblem(vote(2, 4), 6, 'favorable')).toBe('Le vote est défavorable : l’avis ne peut pas être favorable.');
    // An adjourned request is not decided by the vote.
    expect(voteProblem(vote(4, 2), 6, 'ajourne')).toBeNull();
  });

  it('counts the days of a period both included: from 2026, 174 days ask for a meeting, 173 do not', () => {
    expect(requiredPolicyMeetings('2026-01-01', '2026-06-23')).toBe(1);
    expect(requiredPolicyMeetings('2026-01-01', '2026-06-22')).toBe(0);
    expect(requiredPolicyMeetings('2026-07-10', '2026-12-31')).toBe(1);
  });

  it('proposes each type of structure in its college', () => {
    const proposed = Object.fromEntries(partnerTypes.codes.map((type) => [type, collegeOfPartnerType(type, 'Structure')]));
    expect(proposed).toEqual({
      prefecture: 'etat',
      ddfe_ddets: 'etat',
      police: 'etat',
      gendarmerie: 'etat',
      education: 'etat',
      sante: 'personnalites',
      parquet: 'justice',
      pjj: 'justice',
      conseil_departemental: 'collectivites',
      commune: 'collectivites',
      association_sortie: 'associations',
      association_enfance: 'associations',
      hebergement: 'associations',
      economique: 'personnalites',
      ordre_professionnel: 'personnalites',
      autre: 'personnalites',
    });
    // The ARS by the start of the name, as typed.
    expect(collegeOfPartnerType('sante', '  ARS Nouvelle-Aquitaine')).toBe('etat');
    expect(collegeOfPartnerType('sante', 'Centre hospitalier, correspondant de l’ARS')).toBe('personnalites');
    expect(collegeOfPartnerType('sante', 'Arsenal santé')).toBe('personnalites');
  });
});
