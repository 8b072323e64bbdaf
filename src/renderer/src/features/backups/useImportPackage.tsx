import { useState, type ReactNode } from 'react';
import { formatDateTime, formatInteger, plural } from '../../../../shared/format';
import type { PackagePreview } from '../../../../shared/model/backups';
import type { CommissionSummary } from '../../../../shared/types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useRun, useToast } from '../../components/Toast';
import './backups.css';

/**
 * Importing an exchange package: choose the file (main checks it), see what it holds and what it
 * replaces, confirm. Used by Paramètres, the welcome screen and Fichier › Importer.
 */
export function useImportPackage(onOpened: (summary: CommissionSummary) => void): { start: () => Promise<void>; dialog: ReactNode } {
  const [preview, setPreview] = useState<PackagePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const run = useRun();

  async function start() {
    await run(async () => {
      const chosen = await api.package.chooseImport();
      if (chosen) setPreview(chosen);
    });
  }

  function cancel() {
    setPreview(null);
    void api.package.cancelImport();
  }

  async function confirm(mode: 'replace' | 'new') {
    setBusy(true);
    await run(async () => {
      const summary = await api.package.import({ mode });
      setPreview(null);
      onOpened(summary);
      toast(mode === 'replace' ? 'Paquet importé : la commission a été remplacée (l’ancienne version est sauvegardée).' : `Paquet importé : ${summary.departmentName}.`);
    });
    setBusy(false);
  }

  const counts = preview?.counts;
  const dialog = (
    <Dialog
      title="Importer un paquet d’échange"
      open={preview !== null}
      onClose={cancel}
      width={680}
      footer={
        preview && (
          <>
            <button type="button" className="button" onClick={cancel} autoFocus disabled={busy}>
              Annuler
            </button>
            {preview.targetExists && (
              <button type="button" className="button" onClick={() => confirm('new')} disabled={busy}>
                Importer comme nouvelle commission
              </button>
            )}
            <button type="button" className="button primary" onClick={() => confirm(preview.targetExists ? 'replace' : 'new')} disabled={busy}>
              {busy ? 'Import…' : preview.targetExists ? 'Remplacer la commission' : 'Importer'}
            </button>
          </>
        )
      }
    >
      {preview && counts && (
        <>
          <p>Le paquet a été vérifié (format, empreintes, intégrité de la base). Il contient :</p>
          <dl className="package-summary">
            <dt>Commission</dt>
            <dd>
              {preview.departmentCode} · {preview.departmentName}
            </dd>
            <dt>Exporté le</dt>
            <dd>{formatDateTime(preview.exportedAt)}</dd>
            <dt>Structures</dt>
            <dd>
              {formatInteger(counts.partners)} ({plural(counts.contacts, 'contact')})
            </dd>
            <dt>Fiches actions</dt>
            <dd>{formatInteger(counts.actions)}</dd>
            <dt>Protocoles</dt>
            <dd>{formatInteger(counts.protocols)}</dd>
            <dt>Séances</dt>
            <dd>{formatInteger(counts.meetings)}</dd>
            <dt>Fichiers joints</dt>
            <dd>{formatInteger(counts.files)}</dd>
          </dl>
          {preview.targetExists ? (
            <p className="notice warning">
              Une commission du même nom existe déjà sur cet ordinateur ({preview.targetFileName}). « Remplacer » la sauvegarde d’abord puis la
              remplace par le contenu du paquet ; « Importer comme nouvelle commission » la laisse intacte.
            </p>
          ) : (
            <p className="muted">La commission sera enregistrée sur cet ordinateur ({preview.targetFileName}) puis ouverte.</p>
          )}
        </>
      )}
    </Dialog>
  );
  return { start, dialog };
}
