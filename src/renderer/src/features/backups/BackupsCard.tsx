import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, plural } from '../../../../shared/format';
import { backupKindLabels, type BackupInfo } from '../../../../shared/model/backups';
import type { CommissionSummary } from '../../../../shared/types';
import { lowerFirst } from '../../../../shared/text';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { Icon } from '../../components/icons';
import { useRun, useToast } from '../../components/Toast';
import { formatBytes } from './format';
import './backups.css';
import { Writes } from '../../components/ReadOnly';

/** Paramètres › Sauvegardes: the list, a backup on demand, restore and delete after confirmation. */
export function BackupsCard({ commission, onRestored }: { commission: CommissionSummary; onRestored: (c: CommissionSummary) => void }) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState<'create' | 'restore' | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [deleting, setDeleting] = useState<BackupInfo | null>(null);
  const toast = useToast();
  const run = useRun();

  const reload = useCallback(() => void run(async () => setBackups(await api.backups.list())), [run]);
  useEffect(reload, [reload, commission.filePath]);

  async function create() {
    setBusy('create');
    await run(async () => {
      const backup = await api.backups.create();
      toast(`Sauvegarde faite le ${formatDateTime(backup.createdAt)}.`);
    });
    reload();
    setBusy(null);
  }

  async function restore(backup: BackupInfo) {
    setRestoring(null);
    setBusy('restore');
    await run(async () => {
      const restored = await api.backups.restore({ id: backup.id });
      onRestored(restored);
      toast(`Commission restaurée dans son état du ${formatDateTime(backup.createdAt)}. L’état précédent a été sauvegardé.`);
    });
    reload();
    setBusy(null);
  }

  async function remove(backup: BackupInfo) {
    setDeleting(null);
    await run(async () => setBackups(await api.backups.delete({ id: backup.id })), 'Sauvegarde supprimée.');
  }

  return (
    <section className="card" aria-label="Sauvegardes">
      <div className="card-header">
        <h2>Sauvegardes</h2>
        <button type="button" className="button" onClick={create} disabled={busy !== null}>
          <Icon name="archive" size={18} />
          {busy === 'create' ? 'Sauvegarde…' : 'Sauvegarder maintenant'}
        </button>
      </div>
      <p className="muted">
        Maillage sauvegarde la commission chaque jour à l’ouverture et avant chaque mise à jour, dans le dossier « sauvegardes » placé à côté du
        fichier. Il garde une sauvegarde par jour sur 7 jours, par semaine sur 4 semaines et par mois sur 12 mois, et les autres un an :
        aucune sauvegarde n’est gardée plus d’un an (elles contiennent les personnes effacées depuis).
      </p>
      {busy === 'restore' && <p role="status">Restauration en cours…</p>}
      {backups === null ? (
        <p className="muted">Chargement…</p>
      ) : backups.length === 0 ? (
        <p className="muted">Aucune sauvegarde pour l’instant : cliquez sur « Sauvegarder maintenant ».</p>
      ) : (
        <div className="backup-list">
          <table className="table backup-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Origine et taille</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.id}>
                  <td>{formatDateTime(b.createdAt)}</td>
                  <td className="grow">
                    {backupKindLabels[b.kind]}
                    <div className="muted small">
                      {formatBytes(b.bytes)}
                      {b.files > 0 && ` · ${plural(b.files, 'fichier joint', 'fichiers joints')}`}
                    </div>
                  </td>
                  <td>
                    <Writes>
                      <div className="row-actions">
                        <button type="button" className="button small" onClick={() => setRestoring(b)} disabled={busy !== null}>
                          Restaurer…
                        </button>
                        <button type="button" className="icon-button" onClick={() => setDeleting(b)} aria-label={`Supprimer la sauvegarde du ${formatDateTime(b.createdAt)}`} title="Supprimer">
                          <Icon name="trash" size={17} />
                        </button>
                      </div>
                    </Writes>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={restoring !== null}
        title="Restaurer cette sauvegarde ?"
        confirmLabel="Restaurer"
        onConfirm={() => restoring && restore(restoring)}
        onCancel={() => setRestoring(null)}
      >
        {restoring && (
          <>
            <p>
              La commission va revenir à son état du <strong>{formatDateTime(restoring.createdAt)}</strong> : les modifications faites depuis
              n’y figureront plus.
            </p>
            <p>Par précaution, l’état actuel est d’abord sauvegardé : vous pourrez y revenir depuis cette liste (« Avant une restauration »).</p>
          </>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Supprimer cette sauvegarde ?"
        confirmLabel="Supprimer"
        danger
        onConfirm={() => deleting && remove(deleting)}
        onCancel={() => setDeleting(null)}
      >
        {deleting && (
          <p>
            La sauvegarde du {formatDateTime(deleting.createdAt)} ({lowerFirst(backupKindLabels[deleting.kind])}) sera définitivement supprimée.
            La commission elle-même n’est pas modifiée.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
