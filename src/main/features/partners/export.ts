/**
 * The partner directory as a table: one row per contact (structure columns repeated), one row for a
 * structure without contacts. Headers are those the import recognises, so an export re-imports as is.
 */
import { interventionDomains, partnerTypes } from '../../../shared/labels';
import type { Contact, Partner } from '../../../shared/types';
import type { Db } from '../../db/connection';
import { toCsv, toXlsx, type TabularSheet } from '../../spreadsheets/writer';
import { CONTACTS_SQL, toContact, toPartner, type ContactWithMembershipRow, type PartnerRow } from './partners';
import { sortFrench } from '../../../shared/search';

interface ExportRow {
  partner: Partner;
  contact: Contact | null;
}

const partnerExportSheet = (rows: ExportRow[]): TabularSheet<ExportRow> => ({
  name: 'Partenaires',
  rows,
  columns: [
    { header: 'Structure', value: (r) => r.partner.name, width: 36 },
    { header: 'Type', value: (r) => partnerTypes.labels[r.partner.type], width: 30 },
    { header: 'Domaines d’intervention', value: (r) => r.partner.domains.map((d) => interventionDomains.labels[d]).join(', '), width: 36 },
    { header: 'Adresse', value: (r) => r.partner.address, width: 30 },
    { header: 'Code postal', value: (r) => r.partner.postcode },
    { header: 'Commune', value: (r) => r.partner.commune, width: 18 },
    { header: 'Site internet', value: (r) => r.partner.website, width: 24 },
    { header: 'SIRET', value: (r) => r.partner.siret, width: 16 },
    { header: 'Notes', value: (r) => r.partner.notes, width: 30 },
    { header: 'Civilité', value: (r) => r.contact?.civility ?? null },
    { header: 'Prénom', value: (r) => r.contact?.firstName ?? null, width: 16 },
    { header: 'Nom du contact', value: (r) => r.contact?.lastName ?? null, width: 18 },
    { header: 'Fonction', value: (r) => r.contact?.role ?? null, width: 24 },
    { header: 'Courriel', value: (r) => r.contact?.email ?? null, width: 30 },
    { header: 'Téléphone', value: (r) => r.contact?.phone ?? null, width: 16 },
    { header: 'Membre de la commission', value: (r) => (r.contact ? (r.contact.isMember ? 'oui' : 'non') : null) },
    { header: 'Source des coordonnées', value: (r) => r.contact?.source ?? null, width: 24 },
    { header: 'Confirmé le', value: (r) => r.contact?.confirmedOn ?? null, type: 'date' },
    { header: 'Notes du contact', value: (r) => r.contact?.notes ?? null, width: 30 },
  ],
});

/** `today`: the day on which « Membre de la commission » is read. */
export function exportRows(db: Db, today: string): ExportRow[] {
  const partners = sortFrench(db.prepare('SELECT * FROM partners').all() as PartnerRow[], (p) => [p.name, p.commune]).map(toPartner);
  const byPartner = new Map<string, Contact[]>();
  for (const row of sortFrench(db.prepare(CONTACTS_SQL).all({ day: today }) as ContactWithMembershipRow[], (c) => [c.last_name, c.first_name])) {
    byPartner.set(row.partner_id, [...(byPartner.get(row.partner_id) ?? []), toContact(row)]);
  }
  return partners.flatMap((partner): ExportRow[] => {
    const list = byPartner.get(partner.id) ?? [];
    return list.length === 0 ? [{ partner, contact: null }] : list.map((contact) => ({ partner, contact }));
  });
}

/** The file's bytes for a target path: .xlsx by extension, CSV otherwise. */
export async function exportPartners(db: Db, format: 'csv' | 'xlsx', today: string): Promise<Buffer> {
  const sheet = partnerExportSheet(exportRows(db, today));
  return format === 'xlsx' ? toXlsx(sheet.rows, sheet.columns, { sheetName: sheet.name }) : Buffer.from(toCsv(sheet.rows, sheet.columns), 'utf8');
}
