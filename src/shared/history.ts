/**
 * What the « Historique » panel knows about each kind of record: its French name, how to name one
 * record, and the label and format of each field. Fields are keyed in camelCase; snapshots written
 * as database rows (snake_case) are normalised first. Engineers adding a kind of record add it here
 * (and, for records held by another, in HELD_RECORDS in src/main/commission-file/history.ts).
 */
import {
  actionStatuses,
  attendanceStatuses,
  castingVotes,
  colleges,
  memberRoles,
  followUpStatuses,
  interventionDomains,
  meetingKinds,
  meteos,
  parcoursAgeBands,
  parcoursDecisions,
  parcoursEndReasons,
  parcoursNationalities,
  parcoursOpinions,
  parcoursRights,
  parcoursSexes,
  parcoursStates,
  partnerTypes,
  prefectCivilities,
  protocolKinds,
  protocolStatuses,
  seatTitles,
} from './labels';

export type FieldFormat =
  | 'text'
  | 'date'
  | 'datetime'
  | 'wallclock'
  | 'boolean'
  | 'number'
  /** An array of objects, shown as its size. */
  | 'count'
  /** A referenced record or a list of them, shown by their names (code, name or structure name). */
  | 'names'
  | { vocabulary: Record<string, string> };

interface FieldSpec {
  label: string;
  format?: FieldFormat;
}

interface EntitySpec {
  label: string;
  /** Fields whose values name the record, joined with a space. */
  name: string[];
  fields: Record<string, FieldSpec>;
}

const notes: FieldSpec = { label: 'Notes' };

export const historyEntities: Record<string, EntitySpec> = {
  commission: {
    label: 'Commission',
    name: ['name'],
    fields: {
      name: { label: 'Nom de la commission' },
      departmentCode: { label: 'Département' },
      secretaryName: { label: 'Secrétaire' },
      prefectureCity: { label: 'Ville de la préfecture' },
      secretariatContact: { label: 'Contact du secrétariat' },
      prefectCivility: { label: 'Préfet ou préfète', format: { vocabulary: prefectCivilities.labels } },
      prefectName: { label: 'Nom du préfet ou de la préfète' },
      compositionToConfirm: { label: 'Composition reprise, à confirmer', format: 'boolean' },
      signatoryName: { label: 'Signataire des convocations' },
      signatoryTitle: { label: 'Qualité du signataire' },
      signsByDelegation: { label: 'Signature par délégation', format: 'boolean' },
      logoFile: { label: 'Logo' },
    },
  },
  partner: {
    label: 'Structure',
    name: ['name'],
    fields: {
      name: { label: 'Nom' },
      type: { label: 'Type de structure', format: { vocabulary: partnerTypes.labels } },
      domains: { label: 'Domaines d’intervention', format: { vocabulary: interventionDomains.labels } },
      address: { label: 'Adresse' },
      postcode: { label: 'Code postal' },
      commune: { label: 'Commune' },
      website: { label: 'Site web' },
      siret: { label: 'SIRET' },
      notes,
      agrementOn: { label: 'Agréée le', format: 'date' },
      agrementYears: { label: 'Agrément pour (années)', format: 'number' },
      agrementPrefecture: { label: 'Agrément délivré par' },
    },
  },
  seat: {
    label: 'Siège de la commission',
    name: ['label'],
    fields: {
      label: { label: 'Siège' },
      partnerName: { label: 'Structure' },
      college: { label: 'Collège', format: { vocabulary: colleges.labels } },
      title: { label: 'Titre', format: { vocabulary: seatTitles.labels } },
      minorsCoordination: { label: 'Siège à la coordination des situations de mineurs', format: 'boolean' },
    },
  },
  seat_member: {
    label: 'Nomination',
    name: ['name'],
    fields: {
      name: { label: 'Membre' },
      seatLabel: { label: 'Siège' },
      role: { label: 'Qualité', format: { vocabulary: memberRoles.labels } },
      fromOn: { label: 'Siège à compter du', format: 'date' },
      toOn: { label: 'Ne siège plus depuis le', format: 'date' },
      arreteRef: { label: 'Arrêté' },
      arreteOn: { label: 'Arrêté du', format: 'date' },
    },
  },
  contact: {
    label: 'Contact',
    name: ['firstName', 'lastName'],
    fields: {
      civility: { label: 'Civilité' },
      firstName: { label: 'Prénom' },
      lastName: { label: 'Nom' },
      role: { label: 'Fonction' },
      email: { label: 'Courriel' },
      phone: { label: 'Téléphone' },
      isMember: { label: 'Membre de la commission', format: 'boolean' },
      receivesReturns: { label: 'Reçoit les demandes de remontées', format: 'boolean' },
      source: { label: 'Source' },
      confirmedOn: { label: 'Coordonnées confirmées le', format: 'date' },
      notes,
    },
  },
  meeting: {
    label: 'Séance',
    name: ['title'],
    fields: {
      kind: { label: 'Type de séance', format: { vocabulary: meetingKinds.labels } },
      minorsSituations: { label: 'Situations de mineurs coordonnées', format: 'number' },
      title: { label: 'Intitulé' },
      startsAt: { label: 'Début', format: 'wallclock' },
      endsAt: { label: 'Fin', format: 'wallclock' },
      place: { label: 'Lieu' },
      videoLink: { label: 'Lien de visioconférence' },
      chair: { label: 'Présidence' },
      nextMeetingNote: { label: 'Prochaine séance' },
      notes,
      minutesSignedOn: { label: 'Compte rendu signé par la présidence le', format: 'date' },
      membersInvited: { label: 'Membres invités', format: 'number' },
    },
  },
  meeting_attendee: {
    label: 'Participant',
    name: ['name'],
    fields: {
      civility: { label: 'Civilité' },
      name: { label: 'Nom' },
      role: { label: 'Fonction' },
      structure: { label: 'Structure' },
      status: { label: 'Présence', format: { vocabulary: attendanceStatuses.labels } },
      representedBy: { label: 'Représenté par' },
      isMember: { label: 'Membre de la commission', format: 'boolean' },
      sortOrder: { label: 'Ordre', format: 'number' },
    },
  },
  meeting_file: {
    label: 'Pièce jointe',
    name: ['title'],
    fields: {
      title: { label: 'Titre' },
      fileName: { label: 'Fichier' },
      position: { label: 'Position', format: 'number' },
    },
  },
  agenda_item: {
    label: 'Point de l’ordre du jour',
    name: ['title'],
    fields: {
      position: { label: 'Position', format: 'number' },
      kind: { label: 'Nature', format: { vocabulary: { libre: 'Point libre', approbation: 'Approbation du compte rendu', suivi: 'Suivi des décisions' } } },
      title: { label: 'Intitulé' },
      presenter: { label: 'Présenté par' },
      durationMin: { label: 'Durée (min)', format: 'number' },
      notes: { label: 'Relevé des échanges' },
      links: { label: 'Fiches actions et protocoles liés', format: 'count' },
    },
  },
  decision: {
    label: 'Décision',
    name: ['text'],
    fields: {
      text: { label: 'Décision' },
      addToJournal: { label: 'Inscrite au journal de la fiche action', format: 'boolean' },
      position: { label: 'Position', format: 'number' },
    },
  },
  follow_up: {
    label: 'Suite à donner',
    name: ['text'],
    fields: {
      text: { label: 'Suite à donner' },
      ownerPartnerName: { label: 'Structure responsable' },
      ownerName: { label: 'Personne responsable' },
      dueOn: { label: 'Échéance', format: 'date' },
      status: { label: 'État', format: { vocabulary: followUpStatuses.labels } },
      closedOn: { label: 'Close le', format: 'date' },
    },
  },
  journal_entry: {
    label: 'Entrée du journal',
    name: ['text'],
    fields: {
      entryOn: { label: 'Date', format: 'date' },
      text: { label: 'Texte' },
      status: { label: 'Statut', format: { vocabulary: actionStatuses.labels } },
      meteo: { label: 'Météo', format: { vocabulary: meteos.labels } },
      meteoReason: { label: 'Raison de la météo' },
      progress: { label: 'Avancement (%)', format: 'number' },
      returnedBy: { label: 'Remontée de' },
    },
  },
  action: {
    label: 'Fiche action',
    name: ['code', 'title'],
    fields: {
      code: { label: 'Référence' },
      title: { label: 'Intitulé' },
      description: { label: 'Description' },
      expectedResults: { label: 'Résultats attendus' },
      measures: { label: 'Mesures de rattachement', format: 'names' },
      pilot: { label: 'Pilote', format: 'names' },
      partners: { label: 'Structures contributrices', format: 'names' },
      status: { label: 'Statut', format: { vocabulary: actionStatuses.labels } },
      meteo: { label: 'Météo', format: { vocabulary: meteos.labels } },
      meteoReason: { label: 'Raison de la météo' },
      progress: { label: 'Avancement (%)', format: 'number' },
      startsOn: { label: 'Début', format: 'date' },
      endsOn: { label: 'Fin', format: 'date' },
      budget: { label: 'Budget (€)', format: 'number' },
      funders: { label: 'Financeurs' },
    },
  },
  indicator: {
    label: 'Indicateur',
    name: ['name'],
    fields: {
      name: { label: 'Nom' },
      unit: { label: 'Unité' },
      baseline: { label: 'Valeur de départ', format: 'number' },
      baselineOn: { label: 'Date de départ', format: 'date' },
      target: { label: 'Cible', format: 'number' },
      targetOn: { label: 'Échéance de la cible', format: 'date' },
    },
  },
  protocol: {
    label: 'Protocole',
    name: ['title'],
    fields: {
      title: { label: 'Intitulé' },
      object: { label: 'Objet' },
      kind: { label: 'Nature', format: { vocabulary: protocolKinds.labels } },
      status: { label: 'Statut', format: { vocabulary: protocolStatuses.labels } },
      signedOn: { label: 'Signé le', format: 'date' },
      startsOn: { label: 'En vigueur du', format: 'date' },
      endsOn: { label: 'Jusqu’au', format: 'date' },
      reviewOn: { label: 'Révision le', format: 'date' },
      signatories: { label: 'Signataires', format: 'names' },
      actions: { label: 'Fiches actions liées', format: 'names' },
      fileName: { label: 'Document signé' },
      notes,
    },
  },
  catalogue_node: {
    label: 'Mesure du catalogue',
    name: ['code'],
    fields: {
      code: { label: 'Code' },
      label: { label: 'Libellé court' },
      title: { label: 'Intitulé' },
      shortTitle: { label: 'Intitulé abrégé' },
      pilot: { label: 'Pilote national' },
      sourceNote: { label: 'Source' },
    },
  },
  parcours_request: {
    label: 'Demande de parcours de sortie',
    name: ['reference'],
    fields: {
      reference: { label: 'Référence' },
      renewalNumber: { label: 'Renouvellement n°', format: 'number' },
      associationName: { label: 'Association' },
      receivedOn: { label: 'Reçue le', format: 'date' },
      opinion: { label: 'Avis', format: { vocabulary: parcoursOpinions.labels } },
      opinionOn: { label: 'Avis rendu le', format: 'date' },
      opinionReasons: { label: 'Motifs de l’avis' },
      votesFor: { label: 'Voix pour', format: 'number' },
      votesAgainst: { label: 'Voix contre', format: 'number' },
      votesAbstention: { label: 'Abstentions', format: 'number' },
      castingVote: { label: 'Voix prépondérante de la présidence', format: { vocabulary: castingVotes.labels } },
      interest: { label: 'Intérêt déclaré (CRPA, R. 133-12)' },
      interestReason: { label: 'Motif de l’intérêt' },
      decision: { label: 'Décision du préfet', format: { vocabulary: parcoursDecisions.labels } },
      decisionOn: { label: 'Décision le', format: 'date' },
      decreeRef: { label: 'Arrêté' },
      startsOn: { label: 'Début du parcours', format: 'date' },
      endsOn: { label: 'Fin du parcours', format: 'date' },
      rights: { label: 'Droits ouverts', format: { vocabulary: parcoursRights.labels } },
      state: { label: 'État', format: { vocabulary: parcoursStates.labels } },
      endReason: { label: 'Motif de fin', format: { vocabulary: parcoursEndReasons.labels } },
      closedOn: { label: 'Fin le', format: 'date' },
      sex: { label: 'Sexe', format: { vocabulary: parcoursSexes.labels } },
      ageBand: { label: 'Tranche d’âge', format: { vocabulary: parcoursAgeBands.labels } },
      nationality: { label: 'Nationalité', format: { vocabulary: parcoursNationalities.labels } },
      notes,
    },
  },
};

/** Keys never shown: identifiers, bookkeeping timestamps, and derived values of other records. */
export const HIDDEN_FIELD = /^(id|createdAt|updatedAt|meetingKind|meetingStartsAt|undoOf)$|Id$/;
