/** Protocols and conventions: signatories, the life of each text, and the fiches actions they frame. */
import { plural } from '../../../shared/format';
import type { ProtocolKind, ProtocolStatus } from '../../../shared/labels';
import type { Db } from '../../db/connection';
import type { DemoAction } from './actions';
import { addDays, addMonths, daysBetween, later, maxDay, minDay, stamp, type Day } from './calendar';
import { protocolData, type Family } from './data';
import type { SizeProfile } from './index';
import type { DemoPartner, Network } from './network';
import { deck, type Random } from './random';
import { civilName } from './territory';
import { fill, ofCommune, uniqueName } from './text';

export interface DemoProtocol {
  id: string;
  title: string;
  status: ProtocolStatus;
  draftOn: Day;
  signedOn: Day | null;
}

type ReviewTiming = 'due' | 'overdue' | 'later';

export function insertProtocols(db: Db, rng: Random, network: Network, actions: readonly DemoAction[], size: SizeProfile, today: Day): DemoProtocol[] {
  const insertProtocol = db.prepare(
    `INSERT INTO protocols (id, title, object, kind, status, signed_on, starts_on, ends_on, review_on, file_name, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const insertSignatory = db.prepare(
    'INSERT INTO protocol_signatories (id, protocol_id, partner_id, structure_name, signer_name, signer_role, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = db.prepare('INSERT INTO protocol_events (id, protocol_id, status, on_date, note, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertLink = db.prepare('INSERT INTO protocol_actions (protocol_id, action_id) VALUES (?, ?)');

  const statuses = deck<ProtocolStatus>(rng, size.protocols, [['signe', 0.5], ['expire', 0.15], ['en_signature', 0.15], ['projet', 0.1], ['denonce', 0.1]]);
  // Reviews due soon and overdue reviews are what the secretary must see first: every demo has both.
  const timings: ReviewTiming[] = ['due', 'overdue', 'later', 'due', 'overdue'];
  let signedCount = 0;
  const usedTitles = new Set<string>();
  const associations = network.local(['association_enfance', 'association_sortie', 'hebergement']);
  const mairies = network.local(['commune']).filter((p) => p.name.startsWith('Mairie'));

  return statuses.map((status, index): DemoProtocol => {
    const spec = variant(rng, index, network, associations, mairies);
    const id = rng.uuid();
    const dates = protocolDates(rng, status, spec.years, status === 'signe' ? timings[signedCount++ % timings.length]! : 'later', today);
    const title = uniqueName(usedTitles, fill(spec.title, { year: (dates.startsOn ?? dates.draftOn).slice(0, 4) }));
    const parties = spec.parties;
    const notes = protocolData.events;
    const events: [ProtocolStatus, Day, string][] = [['projet', dates.draftOn, notes.projet]];
    if (dates.circulatedOn) events.push(['en_signature', dates.circulatedOn, fill(notes.en_signature, { signatories: plural(parties.length, 'signataire') })]);
    if (dates.signedOn) events.push(['signe', dates.signedOn, notes.signe]);
    if (status === 'expire') events.push(['expire', addDays(dates.endsOn!, 1), notes.expire]);
    if (status === 'denonce') events.push(['denonce', dates.closedOn!, fill(notes.denonce, { partner: rng.pick(parties.length > 1 ? parties.slice(1) : parties).name })]);

    const createdAt = stamp(rng, dates.draftOn);
    insertProtocol.run(
      id,
      title,
      spec.object,
      spec.kind,
      status,
      dates.signedOn,
      dates.startsOn,
      dates.endsOn,
      dates.reviewOn,
      rng.chance(0.4) ? rng.pick(protocolData.notes[status]) : null,
      createdAt,
      later(createdAt, stamp(rng, events[events.length - 1]![1])),
    );
    parties.forEach((partner, order) => {
      const signer = partner.contacts[0];
      insertSignatory.run(rng.uuid(), id, partner.id, partner.name, signer ? civilName(signer) : null, signer?.role ?? null, order);
    });
    for (const [eventStatus, on, note] of events) insertEvent.run(rng.uuid(), id, eventStatus, on, note, stamp(rng, on));
    const related = actions.filter((a) => spec.families.includes(a.family));
    for (const action of rng.sample(related, rng.int(1, 3))) insertLink.run(id, action.id);
    return { id, title, status, draftOn: dates.draftOn, signedOn: dates.signedOn };
  });
}

interface ProtocolVariant {
  title: string;
  object: string;
  kind: ProtocolKind;
  parties: DemoPartner[];
  families: Family[];
  years: number;
}

/**
 * The models first; beyond them, yearly funding conventions with associations and
 * conventions with communes. Titles may hold {year}, the year the text takes effect.
 */
function variant(rng: Random, index: number, network: Network, associations: DemoPartner[], mairies: DemoPartner[]): ProtocolVariant {
  const spec = protocolData.specs[index];
  if (spec) return { ...spec, parties: spec.parties.filter((k) => network.has(k)).map((k) => network.get(k)) };
  if (index % 2 === 0 || mairies.length === 0) {
    const association = associations.length ? rng.pick(associations) : network.get('amicale');
    const model = protocolData.associationFunding;
    return { ...model, title: fill(model.title, { association: association.name }), parties: [network.get('prefecture'), association] };
  }
  const mairie = rng.pick(mairies);
  const model = protocolData.communePartnership;
  return { ...model, title: fill(model.title, { ofCommune: ofCommune(mairie.commune!.name) }), parties: [network.get('prefecture'), mairie, network.get('cd')] };
}

interface ProtocolDates {
  draftOn: Day;
  circulatedOn: Day | null;
  signedOn: Day | null;
  startsOn: Day | null;
  endsOn: Day | null;
  reviewOn: Day | null;
  closedOn: Day | null;
}

function protocolDates(rng: Random, status: ProtocolStatus, years: number, timing: ReviewTiming, today: Day): ProtocolDates {
  const none = { circulatedOn: null, signedOn: null, startsOn: null, endsOn: null, reviewOn: null, closedOn: null };
  const signedSpan = (signedOn: Day) => ({ signedOn, startsOn: signedOn, endsOn: addDays(addMonths(signedOn, 12 * years), -1) });
  switch (status) {
    case 'projet':
      return { ...none, draftOn: addDays(today, -rng.int(20, 150)) };
    case 'en_signature': {
      const circulatedOn = addDays(today, -rng.int(5, 60));
      const startsOn = addMonths(today, rng.int(1, 2));
      return { ...none, draftOn: addDays(circulatedOn, -rng.int(30, 120)), circulatedOn, startsOn, endsOn: addDays(addMonths(startsOn, 12 * years), -1) };
    }
    case 'signe': {
      const signedOn = addDays(today, -rng.int(30, Math.max(60, 365 * years - 60)));
      const span = signedSpan(signedOn);
      const reviewOn =
        timing === 'due'
          ? addDays(today, rng.int(5, 55))
          : timing === 'overdue'
            ? addDays(today, -rng.int(10, 100))
            : maxDay(minDay(addDays(span.endsOn, -60), addDays(today, rng.int(120, 420))), addDays(today, 61));
      return { ...none, ...span, draftOn: addDays(signedOn, -rng.int(60, 150)), circulatedOn: addDays(signedOn, -rng.int(15, 45)), reviewOn };
    }
    case 'expire': {
      const signedOn = addDays(addMonths(today, -12 * years), -rng.int(30, 700));
      const span = signedSpan(signedOn);
      return { ...none, ...span, draftOn: addDays(signedOn, -rng.int(60, 150)), circulatedOn: addDays(signedOn, -rng.int(15, 45)), reviewOn: addDays(span.endsOn, -90) };
    }
    case 'denonce': {
      const signedOn = addDays(today, -rng.int(240, 900));
      const span = signedSpan(signedOn);
      const lastDay = minDay(span.endsOn, addDays(today, -15));
      return { ...none, ...span, draftOn: addDays(signedOn, -rng.int(60, 150)), circulatedOn: addDays(signedOn, -rng.int(15, 45)), closedOn: addDays(signedOn, rng.int(60, daysBetween(signedOn, lastDay))) };
    }
  }
}

