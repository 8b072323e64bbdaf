/** Where the structures are, and the people who work there. */
import { departementName } from '../../../shared/departements';
import { peopleData, territoryData } from './data';
import type { Random } from './random';
import { ofCommune, slug } from './text';

export interface Commune {
  name: string;
  postcode: string;
}

export interface Territory {
  code: string;
  name: string;
  /** « de la Gironde », « du Nord », « de l’Ain »: how the administration names things of the département. */
  of: string;
  chefLieu: Commune;
  communes: Commune[];
  courts: string[];
  council: string;
  councilDomain: string;
  stateDomain: string;
  academyDomain: string;
  hospital: { name: string; domain: string };
  university: { name: string; domain: string } | null;
  /** Leading digits of phone numbers; the rest is random. */
  landlines: string[];
  mobiles: string[];
}

export function territoryOf(code: string, rng: Random): Territory {
  const row = territoryData.departements.find((d) => d.code === code);
  const name = departementName(code);
  if (!row || !name) throw new Error(`No demo territory for département ${code}`);
  const { of, court, council, phones } = row;
  const chefLieu = { name: row.chefLieu, postcode: row.postcode };
  const detail = territoryData.details[code];
  const zone = Object.entries(territoryData.landlineZones).find(([, codes]) => codes.includes(code))?.[0] ?? '01';
  return {
    code,
    name,
    of,
    chefLieu,
    communes: detail ? detail.communes.map((c) => ({ ...c })) : [chefLieu],
    courts: detail?.courts ?? [court ?? chefLieu.name],
    council: council ?? `Conseil départemental ${of}`,
    councilDomain: detail?.councilDomain ?? `${slug(name)}.fr`,
    stateDomain: `${slug(name)}.gouv.fr`,
    academyDomain: detail?.academyDomain ?? 'education.gouv.fr',
    hospital: detail?.hospital ?? { name: `Centre hospitalier ${ofCommune(chefLieu.name)}`, domain: `ch-${slug(chefLieu.name)}.fr` },
    university: detail?.university ?? null,
    landlines: phones ? [phones.landline] : (detail?.landlines ?? [1, 2].map(() => `${zone}${rng.int(10, 99)}`)),
    mobiles: phones ? [phones.mobile] : ['06', '07'],
  };
}

/** What structure names and domains may refer to: see resources/demo/structures.json. */
export function territoryValues(t: Territory): Record<string, string> {
  return {
    of: t.of,
    name: t.name,
    nameSlug: slug(t.name),
    codeLower: t.code.toLowerCase(),
    chefLieu: t.chefLieu.name,
    ofChefLieu: ofCommune(t.chefLieu.name),
    chefLieuSlug: slug(t.chefLieu.name),
    court: t.courts[0]!,
    courtSlug: slug(t.courts[0]!),
    council: t.council,
    councilDomain: t.councilDomain,
    stateDomain: t.stateDomain,
    academyDomain: t.academyDomain,
    hospital: t.hospital.name,
    hospitalDomain: t.hospital.domain,
    university: t.university?.name ?? '',
    universityDomain: t.university?.domain ?? '',
  };
}

export type Civility = 'Mme' | 'M.';

export interface Person {
  civility: Civility;
  firstName: string;
  lastName: string;
}

/** A person; `civility` when the demo needs one (its préfète). */
export function randomPerson(rng: Random, civility: Civility = randomCivility(rng)): Person {
  const firstNames = civility === 'Mme' ? peopleData.femaleFirstNames : peopleData.maleFirstNames;
  return { civility, firstName: rng.pick(firstNames), lastName: rng.pick(peopleData.lastNames) };
}

function randomCivility(rng: Random): Civility {
  // The social and child-protection professions are mostly women.
  return rng.chance(0.62) ? 'Mme' : 'M.';
}

export function fullName(person: Person): string {
  return `${person.firstName} ${person.lastName}`;
}

/** « Mme Claire Martin »: how minutes and signatures name a person. */
export function civilName(person: Person): string {
  return `${person.civility} ${fullName(person)}`;
}

/** Roles are written « masculine|feminine » when French genders them: « Directeur|Directrice ». */
export function gendered(role: string, civility: Civility): string {
  const [masculine, feminine] = role.split('|') as [string, string?];
  return civility === 'Mme' ? (feminine ?? masculine) : masculine;
}

/** « 05 56 12 34 56 » from a prefix such as 0556. */
export function phoneNumber(rng: Random, prefixes: readonly string[]): string {
  const prefix = rng.pick(prefixes);
  return `${prefix}${rng.digits(10 - prefix.length)}`.replace(/(\d\d)(?=\d)/g, '$1 ');
}

/** 14 digits whose Luhn sum is a multiple of 10, like every SIRET outside La Poste. */
export function randomSiret(rng: Random): string {
  const body = `${rng.int(3, 8)}${rng.digits(12)}`;
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    let d = Number(body[i]);
    // Luhn doubles every second digit from the right: even indexes from the left once the key is appended.
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}
