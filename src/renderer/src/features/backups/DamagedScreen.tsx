import { useState } from 'react';
import { formatDateTime } from '../../../../shared/format';
import { backupKindLabels, type AppStatus, type DamagedCommission } from '../../../../shared/model/backups';
import { lowerFirst } from '../../../../shared/text';
import { api, errorMessage } from '../../api';
import { FormError } from '../../components/form';
import { Icon } from '../../components/icons';
import '../welcome/welcome.css';
import './backups.css';

interface DamagedScreenProps {
  damaged: DamagedCommission;
  onRestored: (status: AppStatus) => void;
  onOpenOther: () => void;
  onNew: () => void;
}

/** Shown instead of the app when the commission's file failed its integrity check on opening. */
export function DamagedScreen({ damaged, onRestored, onOpenOther, onNew }: DamagedScreenProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const backup = damaged.latestGoodBackup;

  async function restore() {
    setBusy(true);
    setError(null);
    try {
      onRestored(await api.backups.restoreDamaged());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="welcome">
      <div className="welcome-card damaged" role="alert">
        <h1>
          <span className="damaged-icon">
            <Icon name="alert" size={30} />
          </span>
          La commission n’a pas pu être ouverte
        </h1>
        <p className="lead">{damaged.problem}</p>
        <p className="path">{damaged.filePath}</p>
        <p>
          Cela arrive après une coupure de courant, un disque défaillant ou une copie interrompue. Le fichier endommagé n’est pas supprimé : il est
          mis de côté dans le dossier « sauvegardes », pour le support.
        </p>
        {backup ? (
          <>
            <p>
              La sauvegarde intacte la plus récente date du <strong>{formatDateTime(backup.createdAt)}</strong> ({lowerFirst(backupKindLabels[backup.kind])}
              ). Les modifications faites depuis seront perdues.
            </p>
            <div className="actions">
              <button type="button" className="button primary" onClick={restore} disabled={busy} autoFocus>
                {busy ? 'Restauration…' : `Restaurer la sauvegarde du ${formatDateTime(backup.createdAt)}`}
              </button>
            </div>
          </>
        ) : (
          <p className="notice warning">Aucune sauvegarde intacte de cette commission n’a été trouvée. Ouvrez une autre copie, ou prévenez le support.</p>
        )}
        <FormError message={error} />
        <div className="welcome-alternatives">
          <button type="button" className="link-button" onClick={onOpenOther} disabled={busy}>
            <Icon name="folder" size={18} />
            Ouvrir un autre fichier de commission…
          </button>
          <button type="button" className="link-button" onClick={onNew} disabled={busy}>
            <Icon name="plus" size={18} />
            Créer une commission ou explorer la démonstration
          </button>
        </div>
      </div>
    </main>
  );
}
