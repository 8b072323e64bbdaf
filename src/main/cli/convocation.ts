import { sessionDocumentCommand } from './session-document';

export default sessionDocumentCommand({
  name: 'convocation',
  what: 'document Word',
  kind: 'convocation',
  variant: { flag: 'lettres', help: 'une lettre par membre invité (nom, fonction, structure, adresse)', kind: 'lettres' },
});
