import { useState } from 'react';
import { departements } from '../../../../shared/departements';
import { createCommission } from '../../../../shared/schemas/commission';
import type { CommissionSummary } from '../../../../shared/types';
import { api } from '../../api';
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
}

/** First start (and Fichier › Nouvelle commission…): create the commission of a département, or explore the demo. */
export function Welcome({ onOpened, onCancel, onOpenFile, onImportPackage }: WelcomeProps) {
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
    <div className="welcome">
      <div className="welcome-card">
        <h1>Bienvenue dans Maillage</h1>
        <p className="lead">
          L’outil de la commission départementale de lutte contre la prostitution, le proxénétisme et la traite des êtres humains aux fins
          d’exploitation sexuelle : partenaires, protocoles, suivi des mesures nationales, séances et comptes rendus.
        </p>
        <form onSubmit={create} noValidate>
          <h2>Créer la commission de votre département</h2>
          <Field label="Département" required error={form.errors.departmentCode} hint="Les données sont enregistrées sur cet ordinateur, dans le dossier de Maillage.">
            {(id, describedBy) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={form.values.departmentCode}
                onChange={(e) => form.set('departmentCode', e.target.value)}
                autoFocus
              >
                <option value="">Choisissez un département…</option>
                {departements.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.code} – {d.name}
                  </option>
                ))}
              </select>
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
        </div>
      </div>
    </div>
  );
}
