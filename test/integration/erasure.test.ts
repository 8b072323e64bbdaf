/**
 * « Effacer partout » leaves the person nowhere: a contact named in every role Maillage keeps a
 * name in (contact, attendance and « représenté par », session chair and signatory, agenda
 * presenter, follow-up owner, protocol signatory, the secretary, the secretariat's contact line and
 * the signatory of Paramètres, free texts, and the change log of all of it) is erased, then the raw
 * bytes of the .maillage file, its -wal, a backup taken after and a package exported after are
 * searched for the name, the e-mail and the phone, while the commission is still open. Backups
 * taken before are listed with their dates, and deleted on request after a new one.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupsDir } from '../../src/main/commission-file/backups';
import { readPackage } from '../../src/main/commission-file/packages';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeEach(() => {
  t = createTestRouter({ now: new Date('2026-03-05T09:00:00Z') });
});
afterEach(() => t.cleanup());

/** Every byte of a file, or of every file under a folder. */
function rawBytes(path: string): Buffer {
  if (!existsSync(path)) return Buffer.alloc(0);
  if (statSync(path).isDirectory()) return Buffer.concat(readdirSync(path).map((e) => rawBytes(join(path, e))));
  return readFileSync(path);
}

/** Where the person's traces are in `bytes` (name in UTF-8 and in any case, e-mail, phone digits), with what is around. */
function traces(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const found: string[] = [];
  for (const needle of [/quelennec(?!-durand)/gi, /anais\.quelennec/gi, /05 56 12 34 56|0556123456/g]) {
    for (const m of text.matchAll(needle)) found.push(text.slice(Math.max(0, m.index - 60), m.index + 40).replace(/[^\x20-\x7e]/g, '.'));
  }
  return found;
}

async function personInEveryRole() {
  const summary = await t.call('app.createCommission', { departmentCode: '33', name: null });
  const partner = await t.call('partners.create', { name: 'Brigade de protection des familles', type: 'police', domains: [], notes: 'Interlocutrice : Mme Quelennec.' });
  const contact = await t.call('contacts.create', {
    partnerId: partner.id,
    civility: 'Mme',
    firstName: 'Anaïs',
    lastName: 'Quelennec',
    role: 'Commandante',
    email: 'anais.quelennec@interieur.gouv.fr',
    phone: '05 56 12 34 56',
    isMember: true,
  });
  const other = await t.call('contacts.create', { partnerId: partner.id, civility: 'M.', firstName: 'Paul', lastName: 'Martin', isMember: true, notes: 'Adjoint d’Anaïs Quelennec.' });
  await t.call('settings.update', {
    name: summary.name,
    departmentCode: '33',
    secretaryName: 'Anaïs Quelennec, déléguée départementale',
    secretariatContact: 'Secrétariat : 05 56 12 34 56 – anais.quelennec@interieur.gouv.fr',
    signatoryName: 'Mme Anaïs Quelennec',
    signatoryTitle: 'Secrétaire générale',
    signsByDelegation: true,
  });
  const meeting = await t.call('meetings.create', {
    kind: 'pleniere',
    date: '2026-03-20',
    startTime: '14:00',
    endTime: '16:00',
    chair: 'Mme Anaïs Quelennec',
    signatoryName: 'Anaïs Quelennec',
    signatoryTitle: 'Secrétaire générale',
    place: 'Préfecture',
    notes: 'Salle réservée par A. Quelennec (anais.quelennec@interieur.gouv.fr).',
  });
  await t.call('attendees.addContacts', { meetingId: meeting.id, contactIds: [contact.id, other.id] });
  const withItem = await t.call('agenda.create', { meetingId: meeting.id, title: 'Repérage dans les hôtels', presenter: 'Anaïs Quelennec (BPF)', durationMin: 20, links: { actionIds: [], protocolIds: [] } });
  await t.call('agenda.setNotes', { id: withItem.agenda[0]!.id, notes: 'QUELENNEC Anaïs présente le bilan.' });
  const paul = withItem.attendees.find((a) => a.contactId === other.id)!;
  await t.call('attendees.setAttendance', { id: paul.id, status: 'supplee', representedBy: 'Mme Anaïs Quelennec' });
  const decided = await t.call('decisions.create', { meetingId: meeting.id, agendaItemId: withItem.agenda[0]!.id, text: 'Mme Quelennec diffusera la trame.' });
  await t.call('followUps.create', { meetingId: meeting.id, decisionId: decided.decisions[0]!.id, text: 'Appeler le 05.56.12.34.56', ownerPartnerId: partner.id, ownerName: 'Anaïs Quelennec' });
  await t.call('protocols.create', { title: 'Protocole', kind: 'charte', notes: 'Signé par Quelennec.', signatories: [{ partnerId: partner.id, structureName: partner.name, signerName: 'Mme Anaïs Quelennec', signerRole: 'Commandante' }] });
  const tree = await t.call('catalogue.tree');
  const action = await t.call('actions.create', { title: 'Former les hôteliers', measureIds: [tree[0]!.nodes[0]!.id] });
  await t.call('journal.create', { actionId: action.id, entryOn: '2026-03-01', text: 'Point avec Anaïs Quelennec et la DDFE.' });
  // A namesake in another family stays, and so does a text that names nobody.
  await t.call('attendees.addPerson', { meetingId: meeting.id, name: 'Anaïs Quelennec-Durand', civility: null, role: null, structure: null, partnerId: null });
  return { summary, partner, contact, meeting };
}

describe('erasing a person everywhere', () => {
  it('leaves no trace in the file, its WAL, a new backup or a new package, in any role', async () => {
    const { summary, contact } = await personInEveryRole();
    await t.call('backups.create');
    const before = await t.call('backups.list');
    const inFile = () => traces(Buffer.concat([rawBytes(summary.filePath), rawBytes(`${summary.filePath}-wal`)]));
    expect(inFile().length).toBeGreaterThan(0);

    // What will change is shown first, with the free texts to check and the backups that will keep her.
    const preview = await t.call('gdpr.erasurePreview', { id: contact.id });
    expect(preview.name).toBe('Mme Anaïs Quelennec');
    expect(Object.fromEntries(preview.places.map((p) => [p.place, p.count]))).toMatchObject({
      'Listes de présence': 1,
      'Listes de présence (« représenté par »)': 1,
      'Présidences de séance': 1,
      'Signataires des convocations': 1,
      'Intervenants de l’ordre du jour': 1,
      'Responsables des suites à donner': 1,
      'Signataires de protocoles': 1,
      'Paramètres de la commission': 3,
      'Journal des fiches actions': 1,
      'Décisions des séances': 1,
      'Annuaire des structures': 1,
      'Fiches des autres contacts': 1,
    });
    expect(preview.excerpts.map((e) => e.text)).toContain('Point avec Anaïs Quelennec et la DDFE.');
    expect(preview.copies.map((c) => c.id)).toEqual(before.map((b) => b.id));
    expect(preview.copies[0]!.keptUntil).toBe('2027-03-05');
    // The preview changed nothing.
    expect(inFile().length).toBeGreaterThan(0);

    const report = await t.call('gdpr.erase', { id: contact.id });
    expect(report.places).toEqual(preview.places);
    expect(report.history).toBeGreaterThan(5);
    expect(report.copies.map((c) => c.id)).toEqual(before.map((b) => b.id));

    const { db } = t.session.require();
    expect(db.prepare('SELECT secretary_name, secretariat_contact, signatory_name, signatory_title FROM commission').get()).toEqual({
      secretary_name: null,
      secretariat_contact: null,
      signatory_name: null,
      signatory_title: null,
    });
    expect(db.prepare('SELECT chair, signatory_name, signatory_title, place FROM meetings').get()).toEqual({ chair: 'Personne effacée', signatory_name: 'Personne effacée', signatory_title: null, place: 'Préfecture' });
    expect(db.prepare('SELECT text FROM journal_entries').pluck().all()).toContain('Point avec Personne effacée et la DDFE.');
    expect(db.prepare('SELECT notes FROM meetings').pluck().get()).toBe('Salle réservée par Personne effacée (Personne effacée).');
    expect(db.prepare('SELECT name, civility, role, represented_by FROM meeting_attendees ORDER BY name').all()).toEqual([
      { name: 'Anaïs Quelennec-Durand', civility: null, role: null, represented_by: null },
      { name: 'Paul Martin', civility: 'M.', role: null, represented_by: 'Personne effacée' },
      { name: 'Personne effacée', civility: null, role: null, represented_by: null },
    ]);

    // A backup and a package made now hold nothing of her either.
    await t.call('backups.create');
    const after = (await t.call('backups.list')).find((b) => !before.some((o) => o.id === b.id))!;
    const packageFile = join(t.dir, 'apres.maillage-echange');
    t.os.queueSaveFile(packageFile);
    await t.call('package.export');
    const unpacked = await readPackage(packageFile);
    try {
      const where = {
        file: traces(rawBytes(summary.filePath)),
        wal: traces(rawBytes(`${summary.filePath}-wal`)),
        backup: traces(rawBytes(join(backupsDir(summary.filePath), after.id))),
        package: traces(rawBytes(packageFile)),
        unpacked: traces(rawBytes(unpacked.dir)),
      };
      expect(where).toEqual({ file: [], wal: [], backup: [], package: [], unpacked: [] });
    } finally {
      rmSync(unpacked.dir, { recursive: true, force: true });
    }
    // The namesake is still there, and the commission is still open and usable.
    expect(rawBytes(summary.filePath).includes(Buffer.from('Anaïs Quelennec-Durand'))).toBe(true);
    expect((await t.call('partners.list')).map((p) => p.name)).toEqual(['Brigade de protection des familles']);

    // The backups taken before still hold her: deleted on request, after a new one.
    expect(traces(rawBytes(join(backupsDir(summary.filePath), before[0]!.id))).length).toBeGreaterThan(0);
    const left = await t.call('gdpr.deleteCopies', { ids: report.copies.map((c) => c.id) });
    expect(left.map((c) => c.label)).toEqual(['À la demande', 'À la demande']);
    expect(left.some((c) => before.some((b) => b.id === c.id))).toBe(false);
    expect(traces(rawBytes(backupsDir(summary.filePath)))).toEqual([]);
  });

  it('finds her through the attendance that links to her, whatever the name says, and leaves a namesake of another structure', async () => {
    const { partner, contact, meeting } = await personInEveryRole();
    const elsewhere = await t.call('partners.create', { name: 'Conseil départemental', type: 'conseil_departemental', domains: [] });
    await t.call('attendees.addPerson', { meetingId: meeting.id, name: 'Anaïs Quelennec', civility: 'Mme', role: 'Directrice', structure: null, partnerId: elsewhere.id });
    const { db } = t.session.require();
    db.prepare("UPDATE meeting_attendees SET name = 'A.Q.' WHERE contact_id = ?").run(contact.id);
    await t.call('gdpr.erase', { id: contact.id });
    expect(db.prepare('SELECT name, partner_id FROM meeting_attendees WHERE partner_id IS NOT NULL ORDER BY name').all()).toEqual([
      { name: 'Anaïs Quelennec', partner_id: elsewhere.id },
      { name: 'Paul Martin', partner_id: partner.id },
      { name: 'Personne effacée', partner_id: partner.id },
    ]);
  });

  it('refuses an unknown contact, and a copy that is not there', async () => {
    const { contact } = await personInEveryRole();
    await t.call('gdpr.erase', { id: contact.id });
    await expect(t.call('gdpr.erase', { id: contact.id })).rejects.toMatchObject({ body: { code: 'not_found' } });
    await expect(t.call('gdpr.deleteCopies', { ids: ['20200101T000000Z-manuel'] })).rejects.toMatchObject({ body: { code: 'not_found' } });
  });
});
