/** Sessions of the commission: attendance, agenda, decisions and follow-ups. */
import { plural } from '../../../shared/format';
import type { AttendanceStatus, FollowUpStatus, MeetingKind } from '../../../shared/labels';
import { convened, drawAttendance, suppleantsOn } from './composition';
import { lowerFirst } from '../../../shared/text';
import type { Db } from '../../db/connection';
import type { DemoAction } from './actions';
import { addDays, addMonths, daysBetween, later, longDate, minDay, monthYear, stamp, workingDay, type Day } from './calendar';
import { sessionData, type AgendaItemText, type CoreKey, type WorkingGroup } from './data';
import type { SizeProfile } from './index';
import type { DemoContact, DemoPartner, Network } from './network';
import type { Membership } from '../composition/sitting';
import type { DemoProtocol } from './protocols';
import type { Random } from './random';
import { civilName, fullName, gendered, randomPerson, type Territory } from './territory';
import { fill } from './text';

/** Examining meetings come with the parcours register (parcours.ts); the formations restreintes planned here coordinate minors' situations. */
type PlannedKind = Exclude<MeetingKind, 'examen_parcours'>;

interface MeetingPlan {
  kind: PlannedKind;
  on: Day;
  group: WorkingGroup | null;
}

function planMeetings(rng: Random, size: SizeProfile, today: Day): MeetingPlan[] {
  const plenaries = size.historyMonths / 6;
  // Upcoming: the next plénière and the technical committee that prepares it.
  const plans: MeetingPlan[] = [
    { kind: 'pleniere', on: workingDay(addDays(today, rng.int(35, 50)), 1), group: null },
    { kind: 'comite_technique', on: workingDay(addDays(today, rng.int(7, 20)), 1), group: null },
  ];
  for (let k = 1; k <= plenaries; k++) plans.push({ kind: 'pleniere', on: workingDay(addDays(addMonths(today, -6 * k), rng.int(-10, 10)), -1), group: null });
  const others: PlannedKind[] = ['restreinte', 'groupe_travail', 'comite_technique', 'restreinte'];
  for (let i = 0; plans.length < size.meetings; i++) {
    const kind = others[i % others.length]!;
    plans.push({
      kind,
      on: workingDay(addDays(today, -rng.int(10, size.historyMonths * 30)), -1),
      group: kind === 'groupe_travail' ? rng.pick(sessionData.workingGroups) : null,
    });
  }
  return plans.sort((a, b) => a.on.localeCompare(b.on));
}

interface Attendee {
  contact: DemoContact;
  partner: DemoPartner;
  /** The seat a convened member holds on the day. */
  membership?: Membership;
}

export function insertMeetings(
  db: Db,
  rng: Random,
  t: Territory,
  network: Network,
  actions: readonly DemoAction[],
  protocols: readonly DemoProtocol[],
  size: SizeProfile,
  today: Day,
): void {
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, kind, title, starts_at, ends_at, place, video_link, chair, next_meeting_note, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttendee = db.prepare(
    `INSERT INTO meeting_attendees (id, meeting_id, contact_id, partner_id, civility, name, role, structure, status, represented_by, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, kind, approves_meeting_id, title, presenter, duration_min, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItemLink = db.prepare('INSERT INTO agenda_item_links (agenda_item_id, action_id, protocol_id) VALUES (?, ?, ?)');
  const insertDecision = db.prepare(
    `INSERT INTO decisions (id, meeting_id, agenda_item_id, text, action_id, journal_entry_id, position, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const insertFollowUp = db.prepare(
    `INSERT INTO follow_ups (id, meeting_id, decision_id, text, owner_partner_id, owner_name, due_on, status, closed_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const plans = planMeetings(rng, size, today);
  const plenaryDays = plans.filter((p) => p.kind === 'pleniere').map((p) => p.on);
  const plenaryIds = new Map<Day, string>();
  const presenter = (key: CoreKey) => `${civilName(network.head(key))} (${network.get(key).name})`;

  for (const plan of plans) {
    const id = rng.uuid();
    if (plan.kind === 'pleniere') plenaryIds.set(plan.on, id);
    const past = plan.on < today;
    const [startTime, endTime] = sessionData.hours[plan.kind];
    // The préfet chairs plénières, the directeur de cabinet the restricted formation, the DDFE the technical committee.
    const chairContact = {
      pleniere: network.head('prefecture'),
      restreinte: network.get('prefecture').contacts[1] ?? network.head('prefecture'),
      comite_technique: network.head('ddfe'),
      groupe_travail: network.head(plan.group?.keys[0] ?? 'ddfe'),
    }[plan.kind];
    const chair = `${civilName(chairContact)}, ${lowerFirst(chairContact.role)}`;
    const previousPlenary = plenaryDays.filter((d) => d < plan.on).pop();
    const nextPlenary = plenaryDays.find((d) => d > plan.on);
    const createdOn = minDay(addDays(plan.on, -rng.int(21, 45)), today);
    const updatedOn = minDay(addDays(plan.on, rng.int(2, 15)), today);
    const createdAt = stamp(rng, createdOn);

    const titles = sessionData.titles;
    const title = {
      pleniere: fill(titles.pleniere, { half: Number(plan.on.slice(5, 7)) <= 6 ? '1er' : '2d', year: plan.on.slice(0, 4) }),
      restreinte: titles.restreinte,
      comite_technique: titles.comite_technique,
      groupe_travail: fill(titles.groupe_travail, { theme: plan.group?.theme ?? '' }),
    }[plan.kind];
    // Both draws happen whatever the kind of session, as they always have: the demo's rows depend on them.
    const room = rng.pick(sessionData.plenaryRooms);
    const office = String(rng.int(101, 315));
    const places = sessionData.places;
    const place = {
      pleniere: fill(places.pleniere, { of: t.of, room }),
      restreinte: fill(places.restreinte, { of: t.of }),
      comite_technique: fill(places.comite_technique, { ddets: network.get('ddets').name, room: office }),
      groupe_travail: network.get(plan.group?.keys[0] ?? 'ddfe').name,
    }[plan.kind];
    const video =
      (plan.kind === 'comite_technique' || plan.kind === 'groupe_travail') && rng.chance(0.4)
        ? fill(sessionData.videoLink, { code: t.code.toLowerCase(), digits: rng.digits(6) })
        : null;

    insertMeeting.run(
      id,
      plan.kind,
      title,
      `${plan.on}T${startTime}`,
      `${plan.on}T${endTime}`,
      place,
      video,
      chair,
      past && nextPlenary ? fill(sessionData.nextPlenary, { month: monthYear(nextPlenary) }) : null,
      past ? null : fill(sessionData.convocations, { date: longDate(createdOn) }),
      createdAt,
      past ? later(createdAt, stamp(rng, updatedOn)) : createdAt,
    );

    const attendees = invitees(db, rng, network, plan, chairContact);
    // The commission's meetings reach their quorum; a working meeting has none to reach.
    const members = attendees.flatMap((a) => (a.membership ? [a.membership] : []));
    const drawn = drawAttendance(rng, plan.kind, members, plan.on, db, { weights: ATTENDANCE, chair: chairContact.id });
    const deputies = suppleantsOn(db, plan.on);
    attendees.forEach(({ contact, partner, membership }, order) => {
      const status: AttendanceStatus = !past ? 'invite' : membership ? drawn.get(membership.memberId)! : contact === chairContact ? 'present' : rng.weighted(ATTENDANCE);
      // A suppléant sits for a titulaire only; a guest who cannot come is excused.
      const mark = status === 'supplee' && !membership ? 'excuse' : status;
      const representedBy = mark === 'supplee' ? (deputies.get(membership!.seatId) ?? deputy(rng, partner, contact)) : null;
      insertAttendee.run(rng.uuid(), id, contact.id, partner.id, contact.civility, fullName(contact), contact.role, partner.name, mark, representedBy, order);
    });

    const { items, minorsSituations } = agenda(rng, plan, network, actions, protocols, previousPlenary, presenter);
    if (plan.kind === 'restreinte' && past) db.prepare('INSERT INTO meeting_parcours (meeting_id, minors_situations, updated_at) VALUES (?, ?, ?)').run(id, minorsSituations, stamp(rng, updatedOn));
    const itemIds = items.map((item, position) => {
      const itemId = rng.uuid();
      const approves = item.approves && previousPlenary ? (plenaryIds.get(previousPlenary) ?? null) : null;
      insertItem.run(itemId, id, position, approves ? 'approbation' : 'libre', approves, item.title, item.presenter, item.minutes, null, createdAt, createdAt);
      if (item.action) insertItemLink.run(itemId, item.action.id, null);
      if (item.protocol) insertItemLink.run(itemId, null, item.protocol.id);
      return itemId;
    });
    if (!past) continue;

    const decisionAt = stamp(rng, updatedOn);
    const decisionIds: string[] = [];
    items.forEach((item, index) => {
      if (!item.decision) return;
      const decisionId = rng.uuid();
      insertDecision.run(decisionId, id, itemIds[index], item.decision, item.action?.id ?? null, decisionIds.length, decisionAt, decisionAt);
      decisionIds.push(decisionId);
    });
    for (const followUp of followUps(rng, plan, network, items)) {
      const dueOn = addDays(plan.on, rng.int(15, 90));
      // Secretaries close what is done: a follow-up left open more than a year is rare.
      const closedOn = dueOn < addDays(today, -20) && (dueOn < addDays(today, -365) || rng.chance(0.85)) ? minDay(addDays(plan.on, rng.int(7, daysBetween(plan.on, dueOn) + 20)), today) : null;
      const status: FollowUpStatus = closedOn ? 'close' : rng.pick(['ouverte', 'en_cours'] as const);
      const decisionId = decisionIds.length && rng.chance(0.6) ? rng.pick(decisionIds) : null;
      insertFollowUp.run(rng.uuid(), id, decisionId, followUp.text, followUp.owner.id, followUp.owner.name, dueOn, status, closedOn, decisionAt, closedOn ? later(decisionAt, stamp(rng, closedOn)) : decisionAt);
    }
  }
}

const ATTENDANCE = [
  ['present', 72],
  ['excuse', 14],
  ['supplee', 9],
  ['absent', 5],
] as const;

/** Who stands in for an absent member: a colleague of the same structure when the directory knows one. */
function deputy(rng: Random, partner: DemoPartner, absent: DemoContact): string {
  const colleague = partner.contacts.find((c) => c !== absent);
  if (colleague) return `${civilName(colleague)}, ${lowerFirst(colleague.role)}`;
  const person = randomPerson(rng);
  return `${civilName(person)}, ${gendered(sessionData.deputyRole, person.civility)}`;
}

/**
 * Who a session invites: the commission's meetings convene the members the rule seats on their day
 * (meeting-rules.ts), and a few guests; working meetings gather the staff concerned.
 */
function invitees(db: Db, rng: Random, network: Network, plan: MeetingPlan, chair: DemoContact): Attendee[] {
  const heads = (keys: readonly CoreKey[]) => keys.filter((k) => network.has(k)).map((k) => ({ contact: network.head(k), partner: network.get(k) }));
  const members = () =>
    convened(db, plan.kind, plan.on).map((membership) => {
      const contact = network.contact(membership.contactId!);
      return { contact, partner: network.partnerOf(contact), membership };
    });
  let list: Attendee[];
  switch (plan.kind) {
    case 'pleniere': {
      const experts = rng.sample(network.partners.filter((p) => p.contacts.length > 0 && p.seat === null), rng.int(2, 5));
      list = [...members(), ...experts.map((p) => ({ contact: p.contacts[0]!, partner: p }))];
      break;
    }
    case 'restreinte':
      list = [...members(), ...heads(sessionData.invitees.restreinteGuests)];
      break;
    case 'comite_technique':
      list = heads(sessionData.invitees.comite_technique).map((a) =>
        // Technical committees gather the staff who run the actions, not the heads of the structures.
        ({ ...a, contact: a.partner.contacts[1] ?? a.contact }),
      );
      break;
    case 'groupe_travail':
      list = [
        ...heads(plan.group!.keys),
        ...rng.sample(network.local(plan.group!.localTypes), rng.int(2, 4)).map((p) => ({ contact: p.contacts[0]!, partner: p })),
      ];
      break;
  }
  const chairPartner = network.partnerOf(chair);
  const chairing = list.find((a) => a.contact === chair) ?? { contact: chair, partner: chairPartner };
  return [chairing, ...list.filter((a) => a.contact !== chair)];
}

interface AgendaItem {
  title: string;
  presenter: string | null;
  minutes: number;
  action?: DemoAction;
  protocol?: DemoProtocol;
  decision?: string;
  /** « Approbation du compte rendu » of the previous plénière. */
  approves?: boolean;
}

function agenda(
  rng: Random,
  plan: MeetingPlan,
  network: Network,
  actions: readonly DemoAction[],
  protocols: readonly DemoProtocol[],
  previousPlenary: Day | undefined,
  presenter: (key: CoreKey) => string,
): { items: AgendaItem[]; minorsSituations: number } {
  const texts = sessionData.agenda;
  const item = (spec: AgendaItemText, values: Record<string, string> = {}, lead = spec.presenter): AgendaItem => ({
    title: fill(spec.title, values),
    presenter: lead ? presenter(lead) : null,
    minutes: spec.minutes,
    ...(spec.decision ? { decision: fill(spec.decision, values) } : {}),
  });
  const actionPresenter = (a: DemoAction) => {
    const head = a.pilot.contacts[0];
    return head ? `${civilName(head)} (${a.pilot.name})` : a.pilot.name;
  };
  // A session discusses what existed on its day, as it stood then.
  const known = actions.filter((a) => a.createdOn < plan.on);
  const focus = (a: DemoAction): AgendaItem => ({
    ...item(texts.focus, { title: a.title }),
    presenter: actionPresenter(a),
    action: a,
    decision: fill(a.status === 'realisee' && a.lastOn < plan.on ? texts.focusDone : texts.focusOngoing, { title: a.title }),
  });

  const only = (items: AgendaItem[]) => ({ items, minorsSituations: 0 });
  switch (plan.kind) {
    case 'pleniere': {
      const pending = protocols.filter((p) => p.draftOn < plan.on && (p.signedOn === null || p.signedOn > plan.on));
      const items = [item(texts.opening)];
      if (previousPlenary) items.push({ ...item(texts.approval, { date: longDate(previousPlenary) }), approves: true });
      items.push(item(texts.planProgress), item(texts.parcoursFigures), ...rng.sample(known, 2).map(focus));
      if (pending.length) {
        const protocol = rng.pick(pending);
        items.push({ ...item(texts.signatures, { title: protocol.title }), protocol });
      }
      items.push(item(texts.otherBusiness));
      return only(items);
    }
    case 'restreinte': {
      // The minutes count the situations coordinated: a number, never a description.
      const situations = rng.int(3, 9);
      return { items: [item(texts.minors, { situations: plural(situations, 'situation anonymisée', 'situations anonymisées') }), item(texts.minorsReview)], minorsSituations: situations };
    }
    case 'comite_technique':
      return only([item(texts.actionsReview), ...rng.sample(known, 2).map(focus), item(texts.nextPlenary)]);
    case 'groupe_travail': {
      const group = plan.group!;
      const related = known.filter((a) => group.families.includes(a.family));
      return only([
        item(texts.roundTable),
        ...rng.sample(related, 1).map(focus),
        item(texts.deliverable, { deliverable: group.deliverable }, group.keys[0]),
        item(texts.calendar),
      ]);
    }
  }
}

function followUps(rng: Random, plan: MeetingPlan, network: Network, items: readonly AgendaItem[]): { text: string; owner: DemoPartner }[] {
  const texts = sessionData.followUps;
  const list = [{ text: texts.minutes.text, owner: network.get(texts.minutes.owner ?? 'ddfe') }];
  for (const item of items) if (item.action && rng.chance(0.6)) list.push({ text: fill(texts.updateAction, { title: item.action.title }), owner: item.action.pilot });
  const kind = plan.kind;
  const lead = plan.group?.keys[0] ?? 'ddfe';
  for (const { text, owner } of rng.sample(texts[kind], rng.int(1, 2))) list.push({ text, owner: network.get(owner ?? lead) });
  return list;
}
