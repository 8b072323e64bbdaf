import { sessionDocumentCommand } from './session-document';

export default sessionDocumentCommand({
  name: 'convocation',
  what: 'document Word',
  kind: 'convocation',
});
