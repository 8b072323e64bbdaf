import { sessionDocumentCommand } from './session-document';

export default sessionDocumentCommand({
  name: 'minutes',
  what: 'document Word',
  kind: 'compte_rendu',
  shortKind: 'releve',
});
