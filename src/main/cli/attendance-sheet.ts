import { sessionDocumentCommand } from './session-document';

export default sessionDocumentCommand({
  name: 'attendance-sheet',
  what: 'document Word',
  kind: 'emargement',
});
