import { fileName } from '../../../../shared/format';
import { useState } from 'react';
import type { CommissionSummary } from '../../../../shared/types';
import { api } from '../../api';
import { Icon } from '../../components/icons';
import { useRun, useToast } from '../../components/Toast';
import { useImportPackage } from './useImportPackage';

/** Paramètres › Échange: the whole commission in one file for another computer, and back. */
export function ExchangeCard({ onOpened }: { onOpened: (summary: CommissionSummary) => void }) {
  const [exporting, setExporting] = useState(false);
  const importer = useImportPackage(onOpened);
  const toast = useToast();
  const run = useRun();

  async function exportPackage() {
    setExporting(true);
    await run(async () => {
      const written = await api.package.export();
      if (written) toast(`Paquet d’échange enregistré : « ${fileName(written.path)} »`);
    });
    setExporting(false);
  }

  return (
    <section className="card" aria-label="Échange avec un autre poste">
      <h2>Échange avec un autre poste</h2>
      <p className="muted">
        Un paquet d’échange (fichier .maillage-echange) contient toute la commission : données et fichiers joints. Transmettez-le par exemple à
        la coordinatrice, qui l’importe dans son Maillage.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={exportPackage} disabled={exporting}>
          <Icon name="download" size={18} />
          {exporting ? 'Export en cours…' : 'Exporter un paquet d’échange…'}
        </button>
        <button type="button" className="button" onClick={importer.start}>
          <Icon name="upload" size={18} />
          Importer un paquet d’échange…
        </button>
      </div>
      {importer.dialog}
    </section>
  );
}
