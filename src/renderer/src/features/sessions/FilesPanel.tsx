import { useState } from 'react';
import type { MeetingFile } from '../../../../shared/model/meetings';
import { plural } from '../../../../shared/format';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { Icon } from '../../components/icons';
import { PanelCard } from '../../components/PanelCard';
import { useRun } from '../../components/Toast';
import type { SessionContext } from './context';
import { MeetingFileDialog } from './dialogs';
import { Writes } from '../../components/ReadOnly';

/** The documents sent with the convocation, listed under « Pièces jointes » in the order shown here. */
export function FilesPanel({ ctx }: { ctx: SessionContext }) {
  const { meeting, apply } = ctx;
  const [renaming, setRenaming] = useState<MeetingFile | null>(null);
  const [removing, setRemoving] = useState<MeetingFile | null>(null);
  const run = useRun();
  const files = meeting.files;

  const add = () =>
    run(async () => {
      const updated = await api.meetingFiles.add({ id: meeting.id });
      if (updated) await apply(async () => updated, 'Document joint à la séance.');
    });

  const open = (file: MeetingFile) => run(() => api.meetingFiles.open({ id: file.id }));

  async function remove() {
    const file = removing;
    setRemoving(null);
    if (file) await apply(() => api.meetingFiles.remove({ id: file.id }), `« ${file.title} » a été retiré de la séance.`);
  }

  return (
    <PanelCard
      className="session-files"
      title="Pièces jointes"
      count={files.length}
      add={{ label: 'Joindre un document…', onClick: add }}
      empty="Aucune pièce jointe. Joignez les documents à envoyer avec la convocation (bilan, projet de protocole…) : la convocation les liste sous « Pièces jointes »."
      dialogs={
        <>
          {renaming && <MeetingFileDialog ctx={ctx} file={renaming} onClose={() => setRenaming(null)} />}
          <ConfirmDialog open={removing !== null} title="Retirer cette pièce jointe ?" confirmLabel="Retirer" danger onConfirm={remove} onCancel={() => setRemoving(null)}>
            <p>
              « {removing?.title} » ne sera plus joint à la séance ni listé dans la convocation. La copie gardée dans le dossier de la commission est supprimée ; le document d’origine,
              là où vous l’aviez choisi, n’est pas touché.
            </p>
          </ConfirmDialog>
        </>
      }
    >
      <p className="muted small">{plural(files.length, 'document joint', 'documents joints')} à la convocation, dans cet ordre.</p>
      <ol className="session-files-list">
        {files.map((f, index) => (
          <li key={f.id}>
            <Icon name="file" size={18} />
            <span className="session-file-title">{f.title}</span>
            <span className="session-file-actions">
              <button type="button" className="button" onClick={() => open(f)} aria-label={`Ouvrir « ${f.title} »`}>
                Ouvrir
              </button>
              <Writes>
                <button type="button" className="icon-button" disabled={index === 0} onClick={() => apply(() => api.meetingFiles.move({ id: f.id, direction: 'up' }))} aria-label={`Monter « ${f.title} »`} title="Monter">
                  <Icon name="up" size={18} />
                </button>
              </Writes>
              <Writes>
                <button
                  type="button"
                  className="icon-button"
                  disabled={index === files.length - 1}
                  onClick={() => apply(() => api.meetingFiles.move({ id: f.id, direction: 'down' }))}
                  aria-label={`Descendre « ${f.title} »`}
                  title="Descendre"
                >
                  <Icon name="down" size={18} />
                </button>
              </Writes>
              <Writes>
                <button type="button" className="icon-button" onClick={() => setRenaming(f)} aria-label={`Renommer « ${f.title} »`} title="Renommer">
                  <Icon name="edit" size={18} />
                </button>
              </Writes>
              <Writes>
                <button type="button" className="icon-button" onClick={() => setRemoving(f)} aria-label={`Retirer « ${f.title} »`} title="Retirer">
                  <Icon name="trash" size={18} />
                </button>
              </Writes>
            </span>
          </li>
        ))}
      </ol>
    </PanelCard>
  );
}
