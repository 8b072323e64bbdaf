/** The directory: core structures of the commission, local ones spread over the territory, their contacts. */
import type * as z from 'zod';
import type { InterventionDomain, PartnerType, SeatTitle } from '../../../shared/labels';
import type { contactFields, partnerFields } from '../../../shared/schemas/partners';
import type { Db } from '../../db/connection';
import { insertContact, insertPartner } from '../partners/partners';
import { addDays, addMonths, daysBetween, stamp, type Day } from './calendar';
import { structureData, territoryData, type CoreKey } from './data';
import type { SizeProfile } from './index';
import { apportion, type Random } from './random';
import { gendered, phoneNumber, randomPerson, randomSiret, territoryValues, type Civility, type Commune, type Person, type Territory } from './territory';
import { fill, ofCommune, slug, uniqueName } from './text';

export interface DemoContact extends Person {
  id: string;
  partnerId: string;
  role: string;
  /** Holds its structure's seat of the commission (composition.ts appoints them). */
  isMember: boolean;
}

export interface DemoPartner {
  id: string;
  key: CoreKey | null;
  name: string;
  type: PartnerType;
  commune: Commune | null;
  contacts: DemoContact[];
  /** The seat its head holds, if it sits on the commission. */
  seat: { title: SeatTitle; minorsCoordination: boolean } | null;
}

export class Network {
  private readonly byKey = new Map<CoreKey, DemoPartner>();
  private readonly byId: Map<string, DemoPartner>;

  constructor(readonly partners: DemoPartner[]) {
    for (const p of partners) if (p.key && !this.byKey.has(p.key)) this.byKey.set(p.key, p);
    this.byId = new Map(partners.map((p) => [p.id, p]));
  }

  /** The core structure, or the DDFE for those the territory lacks (no university outside the detailed départements). */
  get(key: CoreKey): DemoPartner {
    return this.byKey.get(key) ?? this.byKey.get('ddfe')!;
  }

  has(key: CoreKey): boolean {
    return this.byKey.has(key);
  }

  head(key: CoreKey): DemoContact {
    return this.get(key).contacts[0]!;
  }

  /** A contact of the network by its id (a member the composition convenes), indexed once the composition is made. */
  contact(id: string): DemoContact {
    this.contacts ??= new Map(this.partners.flatMap((p) => p.contacts.map((c) => [c.id, c] as const)));
    return this.contacts.get(id)!;
  }

  private contacts: Map<string, DemoContact> | null = null;

  local(types: readonly PartnerType[]): DemoPartner[] {
    return this.partners.filter((p) => p.key === null && types.includes(p.type) && p.contacts.length > 0);
  }

  partnerOf(contact: DemoContact): DemoPartner {
    return this.byId.get(contact.partnerId)!;
  }
}

/** A structure to create, its texts filled in for the territory. */
interface Structure {
  key: CoreKey | null;
  name: string;
  type: PartnerType;
  domains: InterventionDomain[];
  /** The first role is the head of the structure: the one who signs and sits on the commission. */
  roles: string[];
  emailDomain: string;
  commune: Commune | null;
  member: boolean;
  seatTitle?: SeatTitle;
  minorsCoordination?: boolean;
  siret?: boolean;
  website?: boolean;
  confidential?: boolean;
  note?: string;
}

function coreStructures(t: Territory): Structure[] {
  const values = territoryValues(t);
  return structureData.core.flatMap((s) => {
    if (s.needsUniversity && !t.university) return [];
    // One parquet per tribunal judiciaire: the first is the commission's.
    return (s.perCourt ? t.courts : [t.courts[0]!]).map((court, i): Structure => {
      const v = { ...values, court, courtSlug: slug(court) };
      return {
        ...s,
        key: i === 0 ? s.key : null,
        name: fill(s.name, v),
        roles: s.roles.map((role) => fill(role, v)),
        emailDomain: fill(s.emailDomain, v),
        commune: s.national ? null : s.perCourt ? (t.communes.find((c) => c.name === court) ?? t.chefLieu) : t.chefLieu,
        member: (s.member ?? true) && i === 0,
      };
    });
  });
}

type PartnerInput = z.output<typeof partnerFields>;
type ContactInput = z.output<typeof contactFields>;

/** `prefect`: the civility of the préfet(e), head of the prefecture, whom the documents name. */
export function insertNetwork(db: Db, rng: Random, t: Territory, size: SizeProfile, today: Day, prefect: Civility): Network {
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const directorySince = addMonths(today, -size.historyMonths - 6);

  const core = coreStructures(t).slice(0, size.partners);
  const taken = new Set(core.map((s) => s.name));
  const third = Math.ceil(t.communes.length / 3);
  const zones = { urban: t.communes.slice(0, third), rural: t.communes.length > 1 ? t.communes.slice(third) : t.communes };
  const values = territoryValues(t);
  const locals = Array.from({ length: size.partners - core.length }, (): Structure => {
    // A few tries for a free name; a small territory runs out of them and numbers the duplicates.
    for (let attempt = 0; ; attempt++) {
      const spec = rng.weighted(structureData.local.map((s) => [s, s.weight] as const));
      const communes = spec.zone ? zones[spec.zone] : t.communes;
      // The first communes of a list are the big ones: they hold most structures.
      const commune = communes[Math.floor(rng.float() ** 1.5 * communes.length)]!;
      const brand = spec.brands ? rng.pick(structureData.brands[spec.brands]) : '';
      const v = { ...values, commune: commune.name, ofCommune: ofCommune(commune.name), communeSlug: slug(commune.name), brand, brandSlug: slug(brand) };
      const name = fill(spec.name, v);
      if (!taken.has(name) || attempt > 20) {
        taken.add(name);
        return { ...spec, key: null, name, commune, emailDomain: fill(spec.emailDomain, v), member: false };
      }
    }
  });

  // Core structures keep one contact per listed role; the rest of the contacts spread over local ones.
  const coreContacts = core.map((s) => s.roles.length);
  const localShare = Math.max(0, size.contacts - coreContacts.reduce((a, b) => a + b, 0));
  const localContacts = apportion(localShare, locals.map(() => 0.5 + rng.float()), localShare >= locals.length ? 1 : 0);
  const structures = [...core.map((s, i) => ({ ...s, contacts: coreContacts[i]! })), ...locals.map((s, i) => ({ ...s, contacts: localContacts[i]! }))];

  const partners = structures.map((s): DemoPartner => {
    const id = rng.uuid();
    const name = uniqueName(usedNames, s.name);
    // The core network was entered when the commission started; local structures joined over time.
    const createdOn = s.key ? addDays(directorySince, rng.int(0, 30)) : addDays(directorySince, rng.int(30, daysBetween(directorySince, today)));
    const createdAt = stamp(rng, createdOn);
    const input: PartnerInput = {
      name,
      type: s.type,
      domains: s.domains,
      address: s.commune && !s.confidential ? `${rng.int(1, 120)} ${rng.pick(territoryData.streets)}` : null,
      postcode: s.commune?.postcode ?? null,
      commune: s.commune?.name ?? null,
      website: s.website ? `https://www.${s.emailDomain}` : null,
      siret: s.siret && rng.chance(0.8) ? randomSiret(rng) : null,
      notes: s.note ?? (s.member ? structureData.memberNote : null),
      // The associations' agréments are set with the composition (composition.ts).
      agrementOn: null,
      agrementYears: null,
      agrementPrefecture: null,
    };
    insertPartner(db, id, input, createdAt);

    const roles = s.key ? s.roles : [s.roles[0]!, ...rng.shuffle(s.roles.slice(1))];
    const contacts = Array.from({ length: s.contacts }, (_, i): DemoContact => {
      const person = s.key === 'prefecture' && i === 0 ? randomPerson(rng, prefect) : randomPerson(rng);
      const role = gendered(roles[i % roles.length]!, person.civility);
      const contact = { ...person, id: rng.uuid(), partnerId: id, role, isMember: s.member && i === 0 };
      const mailbox = `${slug(person.firstName)}.${slug(person.lastName).replace(/-/g, '')}`;
      let email = `${mailbox}@${s.emailDomain}`;
      for (let n = 2; usedEmails.has(email); n++) email = `${mailbox}${n}@${s.emailDomain}`;
      usedEmails.add(email);
      const contactInput: ContactInput = {
        partnerId: id,
        civility: person.civility,
        firstName: person.firstName,
        lastName: person.lastName,
        role,
        email,
        phone: phoneNumber(rng, rng.chance(0.25) ? t.mobiles : t.landlines),
        // Appointed with their dates and arrêtés by composition.ts.
        isMember: false,
        memberTitle: 'commission',
        receivesReturns: false,
        source: rng.chance(0.7) ? rng.pick(structureData.contactSources) : null,
        confirmedOn: rng.chance(0.6) ? addDays(today, -rng.int(0, Math.min(540, daysBetween(createdOn, today)))) : null,
        notes: rng.chance(0.08) ? rng.pick(structureData.contactNotes) : null,
      };
      insertContact(db, contact.id, contactInput, createdAt);
      return contact;
    });
    return { id, key: s.key, name, type: s.type, commune: s.commune, contacts, seat: s.member ? { title: s.seatTitle ?? 'commission', minorsCoordination: s.minorsCoordination ?? false } : null };
  });
  return new Network(partners);
}
