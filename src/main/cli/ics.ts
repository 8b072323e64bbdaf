import { sessionDocumentCommand } from './session-document';

export const ics = sessionDocumentCommand({
  name: 'ics',
  summary: 'exporte une séance vers les agendas (Outlook, Thunderbird) au format .ics',
  what: 'fichier iCalendar',
  kind: 'ics',
});
