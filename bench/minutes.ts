import { join } from 'node:path';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { generateDemo } from '../src/main/features/demo';
import { renderMeetingDocument } from '../src/main/features/meetings/documents';
import { createAgendaItem, createDecision } from '../src/main/features/meetings/agenda';
import { inviteContacts, markAttendance } from '../src/main/features/meetings/attendance';
import { createFollowUp } from '../src/main/features/meetings/follow-ups';
import { createMeeting } from '../src/main/features/meetings/meetings';
import { measure, type Benchmark } from './lib';

const ATTENDEES = 40;
const ITEMS = 15;

/** The secretary's click on « Compte rendu »: read the session, map it, build and pack the .docx. */
export const minutesBenchmarks: Benchmark = async (dir) => {
  const file = join(dir, 'seances.maillage');
  const now = new Date();
  const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, now);
  generateDemo(db, { size: 'large', today: now });

  let meeting = createMeeting(
    db,
    { kind: 'pleniere', title: null, date: '2030-03-14', startTime: '14:00', endTime: '17:30', place: 'Préfecture, salle Tourny', videoLink: null, chair: 'M. le préfet', signatoryName: null, signatoryTitle: null, signsByDelegation: null, nextMeetingNote: null, notes: null, inviteMembers: false, proposeAgenda: true },
    now,
  );
  const contactIds = db.prepare('SELECT id FROM contacts ORDER BY id LIMIT ?').pluck().all(ATTENDEES) as string[];
  meeting = inviteContacts(db, { meetingId: meeting.id, contactIds }, now);
  const statuses = ['present', 'present', 'present', 'excuse', 'absent'] as const;
  meeting.attendees.forEach((a, i) => markAttendance(db, { id: a.id, status: i % 7 === 6 && a.isMember ? 'supplee' : statuses[i % statuses.length]!, representedBy: i % 7 === 6 ? 'Claire Dupont, adjointe' : null, mandateTo: null }, now));
  const ownerId = db.prepare('SELECT id FROM partners LIMIT 1').pluck().get() as string;
  while (meeting.agenda.length < ITEMS) {
    meeting = createAgendaItem(
      db,
      {
        meetingId: meeting.id,
        title: `Point ${meeting.agenda.length + 1} : avancement des fiches actions de l’axe prévention`,
        presenter: 'Direction départementale',
        durationMin: 15,
        notes: 'Présentation des résultats du trimestre et des difficultés rencontrées.\n\nÉchanges entre les partenaires sur les suites à donner et le calendrier.',
        links: { actionIds: [], protocolIds: [] },
      },
      now,
    );
    const item = meeting.agenda[meeting.agenda.length - 1]!;
    meeting = createDecision(db, { meetingId: meeting.id, agendaItemId: item.id, text: 'La commission valide les orientations présentées.', actionId: null, addToJournal: false }, now);
    meeting = createFollowUp(
      db,
      { meetingId: meeting.id, decisionId: meeting.decisions[meeting.decisions.length - 1]!.id, text: 'Transmettre le calendrier actualisé aux partenaires', ownerPartnerId: ownerId, ownerName: 'Claire Dupont', dueOn: '2030-06-30', status: 'ouverte' },
      now,
    );
  }

  try {
    return [
      await measure(`Compte rendu d’une séance (${ATTENDEES} participants, ${ITEMS} points) au format Word`, 11, () => renderMeetingDocument(db, file, meeting.id, 'compte_rendu', now)),
      await measure('Export .ics de la même séance', 11, () => renderMeetingDocument(db, file, meeting.id, 'ics', now)),
    ];
  } finally {
    db.close();
  }
};
