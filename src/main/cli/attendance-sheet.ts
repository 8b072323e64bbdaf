import { sessionDocumentCommand } from './session-document';

export const attendanceSheet = sessionDocumentCommand({
  name: 'attendance-sheet',
  summary: 'écrit la feuille d’émargement d’une séance au format Word',
  what: 'document Word',
  kind: 'emargement',
});
