import { useEffect, useState } from 'react';
import { formatDate, formatDateTime, formatInteger } from '../../../../shared/format';
import type { HeldCopy } from '../../../../shared/model/backups';
import type { ErasurePreview, ErasureReport } from '../../../../shared/model/network';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toast';

/** The copies made before the erasure, with their dates: each keeps the person until it is deleted. */
function CopiesList({ copies }: { copies: HeldCopy[] }) {
  return (
    <ul className="erasure-copies" aria-label="Sauvegardes faites avant l’effacement">
      {copies.map((c) => (
        <li key={c.id}>
          {c.label}, {formatDateTime(c.createdAt)} <span className="muted">– gardée jusqu’au {formatDate(c.keptUntil)}</span>
        </li>
      ))}
    </ul>
  );
}

function Places({ places, history }: { places: ErasurePreview['places']; history: number }) {
  return (
    <ul className="erasure-places">
      {places.map((p) => (
        <li key={p.place}>
          {p.place} : {formatInteger(p.count)}
        </li>
      ))}
      {history > 0 && <li>Historique des modifications : {formatInteger(history)}</li>}
    </ul>
  );
}

type Step = { kind: 'loading' } | { kind: 'confirm'; preview: ErasurePreview } | { kind: 'erasing' } | { kind: 'done'; report: ErasureReport } | { kind: 'deleting'; report: ErasureReport };

/**
 * Asks before erasing a person everywhere, showing what will change (and the free texts to check,
 * where a namesake would go too) and the backups that will keep them; then says what was changed and
 * offers to delete those backups.
 */
export function EraseDialog({ person, onClose, onErased }: { person: { id: string; name: string } | null; onClose: () => void; onErased: () => void }) {
  const toast = useToast();
  const [step, setStep] = useState<Step>({ kind: 'loading' });

  useEffect(() => {
    if (!person) return;
    setStep({ kind: 'loading' });
    api.gdpr.erasurePreview({ id: person.id }).then(
      (preview) => setStep({ kind: 'confirm', preview }),
      (error) => {
        toast(errorMessage(error), 'error');
        onClose();
      },
    );
    // The dialog is about one person: only another one starts it over.
  }, [person?.id]);

  async function erase() {
    if (!person) return;
    setStep({ kind: 'erasing' });
    try {
      const report = await api.gdpr.erase({ id: person.id });
      if (report.copies.length === 0) {
        toast(`Toute trace de ${report.name} est effacée.`);
        onErased();
      } else setStep({ kind: 'done', report });
    } catch (error) {
      toast(errorMessage(error), 'error');
      onClose();
    }
  }

  async function deleteCopies(report: ErasureReport) {
    setStep({ kind: 'deleting', report });
    try {
      await api.gdpr.deleteCopies({ ids: report.copies.map((c) => c.id) });
      toast(`Toute trace de ${report.name} est effacée, sauvegardes comprises.`);
      onErased();
    } catch (error) {
      toast(errorMessage(error), 'error');
      setStep({ kind: 'done', report });
    }
  }

  if (!person) return null;
  if (step.kind === 'done' || step.kind === 'deleting') {
    const { report } = step;
    const keep = () => {
      toast(`Toute trace de ${report.name} est effacée de la commission ; ses sauvegardes antérieures sont gardées.`);
      onErased();
    };
    const last = report.copies.reduce((latest, c) => (c.keptUntil > latest ? c.keptUntil : latest), '');
    return (
      <Dialog
        title="Supprimer aussi les sauvegardes ?"
        open
        onClose={keep}
        width={560}
        footer={
          <>
            <button type="button" className="button" onClick={keep} disabled={step.kind === 'deleting'}>
              Garder ces sauvegardes
            </button>
            <button type="button" className="button danger" onClick={() => deleteCopies(report)} disabled={step.kind === 'deleting'}>
              {step.kind === 'deleting' ? 'Suppression…' : report.copies.length === 1 ? 'Supprimer cette sauvegarde' : 'Supprimer ces sauvegardes'}
            </button>
          </>
        }
      >
        <p role="status">
          Toute trace de <strong>{report.name}</strong> est effacée de la commission.
        </p>
        <p>
          {report.copies.length === 1 ? 'Cette sauvegarde, faite avant l’effacement, contient' : `Ces ${formatInteger(report.copies.length)} sauvegardes, faites avant l’effacement, contiennent`}{' '}
          encore ses données :
        </p>
        <CopiesList copies={report.copies} />
        <p>
          Supprimez-les maintenant, ou Maillage les supprimera au bout d’un an (la dernière après le {formatDate(last)}). Une nouvelle sauvegarde de la
          commission, sans cette personne, est faite avant la suppression.
        </p>
      </Dialog>
    );
  }
  const preview = step.kind === 'confirm' ? step.preview : null;
  return (
    <Dialog
      title="Effacer cette personne partout ?"
      open
      onClose={onClose}
      width={620}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Annuler
          </button>
          <button type="button" className="button danger" onClick={erase} disabled={!preview}>
            {step.kind === 'erasing' ? 'Effacement…' : 'Effacer définitivement'}
          </button>
        </>
      }
    >
      {!preview ? (
        <p role="status">{step.kind === 'erasing' ? 'Effacement en cours…' : 'Recherche de ses mentions…'}</p>
      ) : (
        <>
          <p>
            La fiche de contact de <strong>{preview.name}</strong> sera supprimée, et son nom, son adresse électronique et son téléphone remplacés par
            « Personne effacée » partout où Maillage les garde (les champs des Paramètres qui la nomment sont vidés) :
          </p>
          {preview.places.length + preview.history > 0 ? <Places places={preview.places} history={preview.history} /> : <p className="muted">Elle n’est citée nulle part ailleurs.</p>}
          {preview.excerpts.length > 0 && (
            <>
              <p>Vérifiez ces passages : une autre personne du même nom de famille qui y serait citée serait effacée aussi.</p>
              <ul className="erasure-excerpts">
                {preview.excerpts.map((e, i) => (
                  <li key={i}>
                    <span className="muted">{e.place} :</span> {e.text}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            Ne sont pas modifiés : les fichiers joints (protocoles signés, pièces des séances) et les documents déjà exportés, ni les copies et paquets
            d’échange enregistrés ailleurs.
          </p>
          {preview.copies.length > 0 && (
            <>
              <p>
                {preview.copies.length === 1 ? 'La sauvegarde déjà faite gardera' : `Les ${formatInteger(preview.copies.length)} sauvegardes déjà faites garderont`} ses
                données ; vous pourrez les supprimer après l’effacement, sinon chacune l’est au bout d’un an :
              </p>
              <CopiesList copies={preview.copies} />
            </>
          )}
          <p>Cet effacement est définitif.</p>
        </>
      )}
    </Dialog>
  );
}
