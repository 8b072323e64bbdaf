import { describe, expect, it } from 'vitest';
import { fieldForParcoursHeader, isIdentityHeader, readKind, suggestParcoursMapping } from '../../src/main/features/parcours/import';

describe('parcours register columns', () => {
  it('recognises the register’s columns as secretaries and Maillage’s own export write them', () => {
    const exported = ['Référence', 'Nature', 'Demande renouvelée', 'Association', 'Reçue le', 'Séance', 'Avis', 'Motifs de l’avis', 'Décision', 'Décision le', 'Arrêté', 'Début', 'Fin', 'Droits ouverts', 'État', 'Motif de fin', 'Fin le', 'Sexe', 'Tranche d’âge', 'Nationalité'];
    expect(suggestParcoursMapping(exported)).toEqual([
      'reference', 'kind', 'previousReference', 'association', 'receivedOn', 'meeting', 'opinion', 'opinionReasons', 'decision', 'decisionOn', 'decreeRef', 'startsOn', 'endsOn', 'rights', 'state', 'endReason', 'closedOn', 'sex', 'ageBand', 'nationality',
    ]);
    expect(fieldForParcoursHeader('Date de réception')).toBe('receivedOn');
    expect(fieldForParcoursHeader('AVIS DE LA COMMISSION')).toBe('opinion');
    expect(fieldForParcoursHeader('Nom de l’association')).toBe('association');
    expect(fieldForParcoursHeader('Titre de séjour')).toBe('titreSejour');
    // Each field is given once: a second « Avis » column is left for the user to decide.
    expect(suggestParcoursMapping(['Avis', 'Avis'])).toEqual(['opinion', null]);
  });

  it('treats every column that identifies a person as identity, never as a field', () => {
    const identity = ['Nom', 'Prénom', 'NOM D’USAGE', 'Nom de naissance', 'Date de naissance', 'Né(e) le', 'Adresse', 'Téléphone', 'Tél.', 'Courriel', 'E-mail', 'N° de dossier', 'N° AGDREF', 'N° CAF', 'N° allocataire', 'N° de sécurité sociale', 'NIR', 'Nom prénom', 'Identité', 'N° étranger', 'Lieu de naissance'];
    for (const header of identity) {
      expect(isIdentityHeader(header), header).toBe(true);
      expect(fieldForParcoursHeader(header), header).toBeNull();
    }
    for (const header of ['Association', 'Nom de l’association', 'Titre de séjour', 'Nationalité', 'Tranche d’âge', 'Référence', 'Observations', 'Reçue le']) {
      expect(isIdentityHeader(header), header).toBe(false);
    }
  });

  it('reads the kind of request as people write it', () => {
    expect(readKind('Première demande')).toEqual({ renewal: false, number: null });
    expect(readKind('1re demande')).toEqual({ renewal: false, number: null });
    expect(readKind('Renouvellement n° 2')).toEqual({ renewal: true, number: 2 });
    expect(readKind('2e renouvellement')).toEqual({ renewal: true, number: 2 });
    expect(readKind('R1')).toEqual({ renewal: true, number: 1 });
    expect(readKind('Renouvellement')).toEqual({ renewal: true, number: null });
    expect(readKind('peut-être')).toBeUndefined();
  });
});
