import { sessionDocumentCommand } from './session-document';

export default sessionDocumentCommand({
  name: 'minutes',
  what: 'document Word',
  kind: 'compte_rendu',
  variant: { flag: 'short', help: 'relevé de décisions au lieu du compte rendu complet', kind: 'releve' },
});
