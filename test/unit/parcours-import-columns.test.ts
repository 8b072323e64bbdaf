import { describe, expect, it } from 'vitest';
import { findIdentityColumns, identityInText } from '../../src/main/features/parcours/identity';
import { fieldForParcoursHeader, freeTextGuesses, isIdentityHeader, prepareParcoursTable, readKind, suggestParcoursMapping } from '../../src/main/features/parcours/import';
import type { PreparedTable } from '../../src/main/spreadsheets/columns';

const withHeaders = (headers: string[]): PreparedTable => ({ formatLabel: '', headerLine: 1, headers, rows: [], warnings: [] });

describe('parcours register columns', () => {
  it('recognises the register’s columns as secretaries and Maillage’s own export write them', () => {
    const exported = ['Référence', 'Nature', 'Demande renouvelée', 'Association', 'Reçue le', 'Séance', 'Avis', 'Motifs de l’avis', 'Décision', 'Décision le', 'Arrêté', 'Début', 'Fin', 'Droits ouverts', 'État', 'Motif de fin', 'Fin le', 'Sexe', 'Tranche d’âge', 'Nationalité'];
    // Free-text fields are never suggested: the secretary chooses them, and the wizard points them out.
    expect(suggestParcoursMapping(withHeaders(exported))).toEqual([
      null, 'kind', null, 'association', 'receivedOn', 'meeting', 'opinion', null, 'decision', 'decisionOn', null, 'startsOn', 'endsOn', 'rights', 'state', 'endReason', 'closedOn', 'sex', 'ageBand', 'nationality',
    ]);
    expect(freeTextGuesses(withHeaders(exported))).toEqual([
      'reference', null, 'previousReference', null, null, null, null, 'opinionReasons', null, null, 'decreeRef', null, null, null, null, null, null, null, null, null,
    ]);
    expect(freeTextGuesses(withHeaders(['Observations', 'Commentaires']))).toEqual(['notes', 'notes']);
    expect(fieldForParcoursHeader('Date de réception')).toBe('receivedOn');
    expect(fieldForParcoursHeader('AVIS DE LA COMMISSION')).toBe('opinion');
    expect(fieldForParcoursHeader('Nom de l’association')).toBe('association');
    expect(fieldForParcoursHeader('Titre de séjour')).toBe('titreSejour');
    // Each field is given once: a second « Avis » column is left for the user to decide.
    expect(suggestParcoursMapping(withHeaders(['Avis', 'Avis']))).toEqual(['opinion', null]);
  });

  it('treats every column that identifies a person as identity, never as a field', () => {
    const identity = [
      ...['Nom', 'Prénom', 'NOM D’USAGE', 'Nom de naissance', 'Date de naissance', 'Né(e) le', 'Adresse', 'Téléphone', 'Tél.', 'Courriel', 'E-mail', 'N° de dossier', 'N° AGDREF', 'N° CAF'],
      ...['N° allocataire', 'N° de sécurité sociale', 'NIR', 'Nom prénom', 'Identité', 'N° étranger', 'Lieu de naissance'],
      // As secretaries abbreviate them, and in English.
      ...['DDN', 'Date de naiss.', 'Lieu de naiss.', 'N° SS', 'Patronyme', 'Surname', 'DOB', 'Matricule', 'IBAN', 'RIB', 'N° passeport'],
      ...['First name', 'Last name', 'Full name', 'Birth date', 'Date of birth', 'Place of birth', 'Social security number', 'SSN', 'Passport', 'Phone', 'Address', 'E-mail address'],
    ];
    for (const header of identity) {
      expect(isIdentityHeader(header), header).toBe(true);
      expect(fieldForParcoursHeader(header), header).toBeNull();
    }
    for (const header of ['Association', 'Nom de l’association', 'Titre de séjour', 'Nationalité', 'Tranche d’âge', 'Référence', 'Observations', 'Reçue le']) {
      expect(isIdentityHeader(header), header).toBe(false);
    }
  });

  it('recognises in any text a date of birth, a social security number, an IBAN or a phone number', () => {
    const found: [string, ReturnType<typeof identityInText>][] = [
      ['née le 12/03/1985 à Lagos', 'birth'],
      ['1985-03-12', 'birth'],
      ['le 3 mars 1990', 'birth'],
      ['02/05/07', 'birth'],
      ['NIR 2 85 03 75 115 005 03', 'nir'],
      ['2850375115005', 'nir'],
      ['1 76 06 2A 018 042 77', 'nir'],
      ['RIB : FR76 3000 6000 0112 3456 7890 189', 'iban'],
      ['FR1420041010050500013M02606', 'iban'],
      ['joignable au 06 12 34 56 78', 'phone'],
      ['+33 6 12 34 56 78', 'phone'],
      ['0556.12.34.56', 'phone'],
      ['+234 803 123 4567', 'phone'],
    ];
    for (const [text, kind] of found) expect(identityInText(text), text).toBe(kind);
    // What a register holds: its own dates (from the law of 2016), references, decrees, counts.
    for (const text of ['12/03/2024', '2025-01-31', 'PS-2026-014', 'Arrêté n° 2024-112', 'ASSO-2025/17', '6 mois', 'FR76 3000 6000 0112 3456 7890 188', '2 85 03 75 115 005 04', '']) {
      expect(identityInText(text), text).toBeNull();
    }
  });

  it('leaves aside every column whose values give a person away, saying why, and never suggests it', () => {
    const raw = {
      format: 'csv' as const,
      formatLabel: 'Fichier CSV',
      warnings: [],
      rows: [
        { line: 1, cells: ['Référence', 'Association', 'Reçue le', 'Observations', 'Nom', 'Suivi'] },
        { line: 2, cells: ['PS-1', 'Amicale du Nid', '12/01/2025', 'RAS', 'X', 'Mme B.'] },
        { line: 3, cells: ['PS-2', 'Amicale du Nid', '13/01/2025', 'née le 12/03/1985', 'Y', 'tel 06 12 34 56 78'] },
      ],
    };
    const table = prepareParcoursTable(raw, 'registre.csv');
    expect(table.identity).toEqual([
      { column: 3, header: 'Observations', reason: 'ressemble à une date de naissance (aucune date du registre n’est antérieure au 13/04/2016), ligne 3' },
      { column: 4, header: 'Nom', reason: null },
      { column: 5, header: 'Suivi', reason: 'ressemble à un numéro de téléphone, ligne 3' },
    ]);
    // Emptied as soon as the file is read.
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['PS-1', 'Amicale du Nid', '12/01/2025', '', '', ''],
      ['PS-2', 'Amicale du Nid', '13/01/2025', '', '', ''],
    ]);
    expect(suggestParcoursMapping(table)).toEqual([null, 'association', 'receivedOn', null, null, null]);
    expect(freeTextGuesses(table)).toEqual(['reference', null, null, null, null, null]);
    expect(findIdentityColumns(['Reçue le'], [{ line: 9, cells: ['01/02/2015'] }], () => true)).toEqual([{ column: 0, header: 'Reçue le', reason: expect.stringMatching(/date de naissance.*ligne 9$/) }]);
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
