import { useState } from 'react';
import { departementCodes, departementLabel } from '../../../../shared/departements';
import { createCommission } from '../../../../shared/schemas/commission';
import type { UnavailableCommission } from '../../../../shared/model/backups';
import type { CommissionSummary } from '../../../../shared/types';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { Field, FormError, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import './welcome.css';

interface WelcomeProps {
  onOpened: (summary: CommissionSummary, landing?: 'partenaires') => void;
  /** Present when a commission is already open (Fichier › Nouvelle commission…). */
  onCancel?: () => void;
  onOpenFile: () => void;
  /** Opens a commission sent from another computer (paquet d’échange). */
  onImportPackage: () => void;
  /** Opens the consolidation of yearly returns (a region or the national service), which needs no commission. */
  onConsolidate: () => void;
  /** The last commission, when it could not be reopened (in use, read-only, disk full, missing…). */
  unavailable?: UnavailableCommission | null;
}

/** First start (and Fichier › Nouvelle commission…): create the commission of a département, or explore the demo. */
export function Welcome({ onOpened, onCancel, onOpenFile, onImportPackage, onConsolidate, unavailable }: WelcomeProps) {
  const form = useForm(createCommission, { departmentCode: '', name: '' });
  const [busy, setBusy] = useState<'create' | 'demo' | null>(null);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    setBusy('create');
    try {
      onOpened(await api.app.createCommission(input), 'partenaires');
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(null);
    }
  }

  async function openDemo() {
    setBusy('demo');
    try {
      onOpened(await api.app.openDemo());
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <main className="welcome">
      <div className="welcome-card">
        <h1>Bienvenue dans Maillage</h1>
        {unavailable && (
          <div className="notice warning unavailable" role="alert">
            <p>
              <strong>La dernière commission n’a pas pu être rouverte.</strong> {unavailable.problem}
            </p>
            <p className="path">{unavailable.filePath}</p>
          </div>
        )}
        <p className="lead">
          L’outil de la commission départementale de lutte contre la prostitution, le proxénétisme et la traite des êtres humains aux fins
          d’exploitation sexuelle : partenaires, protocoles, suivi des mesures nationales, séances et comptes rendus.
        </p>
        <form onSubmit={create} noValidate>
          <h2>Créer la commission de votre département</h2>
          <Field label="Département" required error={form.errors.departmentCode} hint="Les données sont enregistrées sur cet ordinateur, dans le dossier de Maillage.">
            {(id, describedBy) => (
              <CodeSelect
                id={id}
                aria-describedby={describedBy}
                codes={departementCodes}
                labels={departementLabel}
                value={form.values.departmentCode || null}
                onChange={(code) => form.set('departmentCode', code ?? '')}
                empty="Choisissez un département…"
                autoFocus
              />
            )}
          </Field>
          <Field label="Nom de la commission (facultatif)" error={form.errors.name} hint="Par défaut : « Commission départementale de lutte contre la prostitution… – département ».">
            {(id, describedBy) => (
              <input id={id} aria-describedby={describedBy} value={text(form.values.name)} onChange={(e) => form.set('name', e.target.value)} />
            )}
          </Field>
          <FormError message={form.formError} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy !== null}>
              {busy === 'create' ? 'Création…' : 'Créer la commission'}
            </button>
            {onCancel && (
              <button type="button" className="button" onClick={onCancel}>
                Annuler
              </button>
            )}
          </div>
        </form>
        <div className="welcome-alternatives">
          <button type="button" className="link-button" onClick={openDemo} disabled={busy !== null}>
            <Icon name="star" size={18} />
            {busy === 'demo' ? 'Préparation de la démonstration…' : 'Explorer une commission de démonstration'}
          </button>
          <button type="button" className="link-button" onClick={onOpenFile} disabled={busy !== null}>
            <Icon name="folder" size={18} />
            Ouvrir un fichier de commission…
          </button>
          <button type="button" className="link-button" onClick={onImportPackage} disabled={busy !== null}>
            <Icon name="upload" size={18} />
            Importer un paquet d’échange reçu d’un autre poste…
          </button>
          <button type="button" className="link-button" onClick={onConsolidate} disabled={busy !== null}>
            <Icon name="map" size={18} />
            Consolider les remontées annuelles de plusieurs départements…
          </button>
        </div>
      </div>
    </main>
  );
}
