import { sessionDocumentCommand } from './session-document';

export const convocation = sessionDocumentCommand({
  name: 'convocation',
  summary: 'écrit la convocation d’une séance, avec son ordre du jour, au format Word',
  what: 'document Word',
  kind: 'convocation',
});
