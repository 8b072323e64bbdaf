import { sessionDocumentCommand } from './session-document';

export default sessionDocumentCommand({
  name: 'ics',
  what: 'fichier iCalendar',
  kind: 'ics',
});
