import { sessionDocumentCommand } from './session-document';

export const minutes = sessionDocumentCommand({
  name: 'minutes',
  summary: 'écrit le compte rendu (ou le relevé de décisions) d’une séance au format Word',
  what: 'document Word',
  kind: 'compte_rendu',
  shortKind: 'releve',
});
