/**
 * Domain vocabularies: stable codes stored in the database, French labels shown to users.
 * Codes never change once released; labels can.
 */

import { lowerFirst } from './text';

function vocabulary<const T extends Record<string, string>>(labels: T) {
  const codes = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { labels, codes };
}

export const partnerTypes = vocabulary({
  prefecture: 'Préfecture',
  ddfe_ddets: 'DDFE / DDETS(PP)',
  parquet: 'Parquet – tribunal judiciaire',
  police: 'Police nationale',
  gendarmerie: 'Gendarmerie nationale',
  conseil_departemental: 'Conseil départemental (ASE, PMI, prévention spécialisée)',
  pjj: 'Protection judiciaire de la jeunesse',
  education: 'Éducation nationale',
  sante: 'ARS et santé (hôpitaux, UAPED)',
  association_sortie: 'Association agréée parcours de sortie',
  association_enfance: 'Association de protection de l’enfance',
  hebergement: 'Hébergement (CHRS, lieux d’accueil dédiés)',
  commune: 'Commune, CCAS, association des maires',
  economique: 'Acteur économique (hôtels, plateformes)',
  ordre_professionnel: 'Ordre professionnel (ordre des médecins…)',
  autre: 'Autre',
});
export type PartnerType = (typeof partnerTypes.codes)[number];

export const interventionDomains = vocabulary({
  prevention: 'Prévention / sensibilisation',
  reperage: 'Repérage / signalement',
  accompagnement: 'Accompagnement social',
  hebergement: 'Hébergement / mise à l’abri',
  sante: 'Santé',
  justice: 'Justice / enquête',
  formation: 'Formation',
  insertion: 'Insertion',
  recherche: 'Recherche',
});
export type InterventionDomain = (typeof interventionDomains.codes)[number];

export const catalogueNodeKinds = vocabulary({
  priorite: 'Priorité',
  axe: 'Axe',
  objectif: 'Objectif',
  mesure: 'Mesure',
  sous_mesure: 'Sous-mesure locale',
});
export type CatalogueNodeKind = (typeof catalogueNodeKinds.codes)[number];

/**
 * How a national measure is named on screen and in documents: « Plan 2021 · Action 5 », from its
 * framework's short title and its own label. The catalogue code (PLAN2021-A5) stays for files and exports.
 */
export function measureName(frameworkShortTitle: string, nodeLabel: string): string {
  return `${frameworkShortTitle} · ${nodeLabel}`;
}

export const actionStatuses = vocabulary({
  a_lancer: 'À lancer',
  en_cours: 'En cours',
  realisee: 'Réalisée',
  suspendue: 'Suspendue',
  abandonnee: 'Abandonnée',
});
export type ActionStatus = (typeof actionStatuses.codes)[number];

/**
 * The scale of the State's steering tool PILOTE, from best to worst, so that a coordinator who uses
 * PILOTE reads a fiche the same way. Files of the first schema had « nuageux » above « couvert »:
 * migration 0002 moved their values by rank.
 */
export const meteos = vocabulary({
  soleil: 'Soleil',
  couvert: 'Couvert',
  nuage: 'Nuage',
  orage: 'Orage',
});
export type Meteo = (typeof meteos.codes)[number];

/** PILOTE's meaning of each météo, shown beside its icon. */
export const meteoMeanings: Record<Meteo, string> = {
  soleil: 'Objectifs sécurisés',
  couvert: 'Objectifs atteignables',
  nuage: 'Appuis nécessaires',
  orage: 'Objectifs compromis',
};

/** « Soleil (objectifs sécurisés) »: the word and its meaning, where there is room for both. */
export function meteoText(meteo: Meteo): string {
  return `${meteos.labels[meteo]} (${lowerFirst(meteoMeanings[meteo])})`;
}

export const protocolKinds = vocabulary({
  reperage_signalement: 'Protocole de repérage et de signalement',
  partenariat: 'Convention de partenariat',
  financement: 'Convention de financement',
  charte: 'Charte',
  autre: 'Autre',
});
export type ProtocolKind = (typeof protocolKinds.codes)[number];

export const protocolStatuses = vocabulary({
  projet: 'Projet',
  en_signature: 'En signature',
  signe: 'Signé',
  expire: 'Expiré',
  denonce: 'Dénoncé',
});
export type ProtocolStatus = (typeof protocolStatuses.codes)[number];

export const meetingKinds = vocabulary({
  pleniere: 'Séance plénière',
  restreinte: 'Formation restreinte – coordination des situations de mineurs',
  comite_technique: 'Comité technique',
  groupe_travail: 'Groupe de travail',
  examen_parcours: 'Formation restreinte – examen des demandes de parcours',
});
export type MeetingKind = (typeof meetingKinds.codes)[number];

/**
 * Attendance as the CRPA knows it (R. 133-3, R. 133-9, R. 133-10): a member takes part in person or by
 * audio or video link, or, unable to come, is represented by their suppléant or gives a mandate to
 * another member. (« represente », the former catch-all, was migrated away.)
 */
export const attendanceStatuses = vocabulary({
  invite: 'Invité',
  present: 'Présent',
  distance: 'Présent à distance (audio ou visio)',
  supplee: 'Représenté par son suppléant',
  mandat: 'A donné mandat',
  excuse: 'Excusé',
  absent: 'Absent',
});
export type AttendanceStatus = (typeof attendanceStatuses.codes)[number];

export const memberRoles = vocabulary({
  titulaire: 'Titulaire',
  suppleant: 'Suppléant',
});
export type MemberRole = (typeof memberRoles.codes)[number];

/**
 * The title under which a seat of the commission is held, as the préfet's arrêté names it. The decree
 * of 30 December 2025 added members « au titre de la protection de l’enfance »: they sit when the
 * commission deliberates on departmental policy and coordinates minors' situations, never when it
 * examines parcours de sortie requests.
 */
export const seatTitles = vocabulary({
  commission: 'Membre de la commission',
  protection_enfance: 'Au titre de la protection de l’enfance',
});
export type SeatTitle = (typeof seatTitles.codes)[number];

/** The colleges the composition and the minutes group members by, in the order they are listed. */
export const colleges = vocabulary({
  etat: 'Services de l’État',
  justice: 'Justice',
  collectivites: 'Collectivités territoriales',
  associations: 'Associations',
  personnalites: 'Personnalités qualifiées',
});
export type College = (typeof colleges.codes)[number];

/** How a vote on an avis went; the chair's casting vote settles a tie (CRPA, R. 133-11). */
export const castingVotes = vocabulary({ pour: 'Pour', contre: 'Contre' });
export type CastingVote = (typeof castingVotes.codes)[number];

/** The préfet's civility, which sets « Le préfet » or « La préfète » in every document. */
export const prefectCivilities = vocabulary({ 'M.': 'M. le préfet', Mme: 'Mme la préfète' });
export type PrefectCivility = (typeof prefectCivilities.codes)[number];

export const followUpStatuses = vocabulary({
  ouverte: 'Ouverte',
  en_cours: 'En cours',
  close: 'Close',
});
export type FollowUpStatus = (typeof followUpStatuses.codes)[number];

export const parcoursOpinions = vocabulary({
  favorable: 'Favorable',
  defavorable: 'Défavorable',
  ajourne: 'Ajourné',
});
export type ParcoursOpinion = (typeof parcoursOpinions.codes)[number];

export const parcoursDecisions = vocabulary({
  autorise: 'Autorisé',
  refuse: 'Refusé',
});
export type ParcoursDecision = (typeof parcoursDecisions.codes)[number];

export const parcoursStates = vocabulary({
  instruction: 'En instruction',
  en_cours: 'En cours',
  termine: 'Terminé',
});
export type ParcoursState = (typeof parcoursStates.codes)[number];

/**
 * Why a request is over. « renouvele » and « refus » are set by Maillage itself (a renewal was
 * authorised; the préfet refused): they are not exits from a parcours and are not counted as such.
 */
export const parcoursEndReasons = vocabulary({
  fin_parcours: 'Fin du parcours',
  sortie_anticipee: 'Sortie anticipée',
  abandon: 'Abandon',
  depart: 'Départ du département',
  autre: 'Autre',
  renouvele: 'Renouvelé',
  refus: 'Demande refusée',
});
export type ParcoursEndReason = (typeof parcoursEndReasons.codes)[number];
/** The reasons a user may choose; the others follow from a decision. */
export const parcoursExitReasons = ['fin_parcours', 'sortie_anticipee', 'abandon', 'depart', 'autre'] as const satisfies readonly ParcoursEndReason[];

export const parcoursRights = vocabulary({
  afis: 'AFIS (aide financière)',
  titre_sejour: 'Titre de séjour',
  hebergement: 'Hébergement / logement',
  insertion: 'Insertion professionnelle',
});
export type ParcoursRight = (typeof parcoursRights.codes)[number];

export const parcoursSexes = vocabulary({ femme: 'Femme', homme: 'Homme', autre: 'Autre' });
export const parcoursAgeBands = vocabulary({
  '18_24': '18–24 ans',
  '25_34': '25–34 ans',
  '35_44': '35–44 ans',
  '45_plus': '45 ans et plus',
});
export const parcoursNationalities = vocabulary({ francaise: 'Française', ue: 'Union européenne', hors_ue: 'Hors Union européenne' });

/** Where a structure asked for its return stands, from the latest step reached. */
export const returnRequestStates = vocabulary({
  a_envoyer: 'À envoyer',
  envoye: 'Envoyé',
  relance: 'Relancé',
  repondu: 'Réponse reçue',
  pris_en_compte: 'Pris en compte',
});
export type ReturnRequestState = (typeof returnRequestStates.codes)[number];

/** The part a structure plays in a fiche it is asked about. */
export const returnRoles = vocabulary({ pilote: 'Pilote', contributeur: 'Contributrice' });
export type ReturnRole = (typeof returnRoles.codes)[number];
