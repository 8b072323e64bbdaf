import { useEffect, useState, type ReactNode } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import { actionStatuses } from '../../../../shared/labels';
import type { CampaignSummary } from '../../../../shared/model/returns';
import type { Framework } from '../../../../shared/model/measures';
import { campaignCreate, type CampaignCreateFields } from '../../../../shared/schemas/returns';
import { addDays, parisToday } from '../../../../shared/wallclock';
import { api, errorMessage } from '../../api';
import { DateInput } from '../../components/DateInput';
import { FormDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Field, FormError, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import { Writes } from '../../components/ReadOnly';
import { navigateToCreated } from '../../router';
import { percent } from './format';
import './returns.css';

/** Mesures › Remontées: the campaigns of returns, newest first, and the way to start one. */
export function ReturnsOverview({ tabs }: { tabs: ReactNode }) {
  const [campaigns, setCampaigns] = useState<CampaignSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    api.returns.list().then(setCampaigns, (error) => setLoadError(errorMessage(error)));
  }, []);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Mesures</h1>
          <p className="subtitle">Les structures pilotes font le point sur leurs fiches dans un classeur préparé pour elles, que Maillage reprend.</p>
        </div>
        <Writes>
          <div className="toolbar">
            <button type="button" className="button primary" onClick={() => setCreating(true)}>
              <Icon name="plus" size={18} />
              Nouvelle campagne de remontées…
            </button>
          </div>
        </Writes>
      </header>
      {tabs}
      {loadError && <p className="form-error">{loadError}</p>}
      {!campaigns && !loadError && <div className="loading">Chargement…</div>}
      {campaigns && campaigns.length === 0 && (
        <EmptyState
          icon="mail"
          title="Aucune campagne de remontées"
          action={
            <Writes>
              <button type="button" className="button primary" onClick={() => setCreating(true)}>
                Nouvelle campagne de remontées…
              </button>
            </Writes>
          }
        >
          Avant une plénière ou un bilan, demandez à chaque structure pilote où en sont ses fiches actions : Maillage prépare pour chacune un classeur
          Excel et un message prêt à envoyer, puis reprend les classeurs renvoyés après vous avoir montré ce qui change.
        </EmptyState>
      )}
      {campaigns && campaigns.length > 0 && (
        <section className="card" aria-label="Campagnes de remontées">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Campagne</th>
                <th scope="col">Période</th>
                <th scope="col">Échéance</th>
                <th scope="col" className="num">
                  Structures interrogées
                </th>
                <th scope="col" className="num">
                  Réponses
                </th>
                <th scope="col" className="num">
                  Prises en compte
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={`#/mesures/remontees/${c.id}`}>{c.name}</a>
                  </td>
                  <td>
                    du {formatDate(c.periodFrom)} au {formatDate(c.periodTo)}
                  </td>
                  <td>{formatDate(c.deadlineOn)}</td>
                  <td className="num">{c.asked}</td>
                  <td className="num">
                    {c.answered} ({percent(c.rate)})
                  </td>
                  <td className="num">{c.takenIn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {creating && <CampaignDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function CampaignDialog({ onClose }: { onClose: () => void }) {
  const today = parisToday(new Date());
  const initial: CampaignCreateFields = {
    name: '',
    periodFrom: `${today.slice(0, 4)}-01-01`,
    periodTo: today,
    deadlineOn: addDays(today, 21),
    replyTo: '',
    includeContributors: false,
    statuses: ['a_lancer', 'en_cours', 'suspendue'],
    frameworkCodes: [],
  };
  const form = useForm(campaignCreate, initial);
  const [frameworks, setFrameworks] = useState<Framework[]>([]);
  useEffect(() => {
    api.catalogue.tree().then(setFrameworks, () => setFrameworks([]));
  }, []);
  const v = form.values;
  const statuses = v.statuses ?? [];
  const codes = v.frameworkCodes ?? [];
  const submit = form.submit(async (input) => {
    const created = await api.returns.create(input);
    onClose();
    navigateToCreated('mesures', 'remontees', created.id);
  });
  return (
    <FormDialog title="Nouvelle campagne de remontées" formId="campaign-form" submitLabel="Créer la campagne" onClose={onClose} saving={form.saving} dirty={form.dirty} width={680}>
      <form id="campaign-form" className="form-grid" onSubmit={submit} noValidate>
        <FormError message={form.formError} />
        <Field label="Nom de la campagne" required error={form.errors.name} wide hint="Il figure dans le classeur et dans l’objet du message (exemple : Point d’étape avant la plénière de juin).">
          {(id, d) => <input id={id} aria-describedby={d} value={text(v.name)} onChange={(e) => form.set('name', e.target.value)} />}
        </Field>
        <Field label="Période couverte, du" required error={form.errors.periodFrom}>
          {(id, d) => <DateInput id={id} aria-describedby={d} value={v.periodFrom || null} onChange={(value) => form.set('periodFrom', value ?? '')} />}
        </Field>
        <Field label="au" required error={form.errors.periodTo}>
          {(id, d) => <DateInput id={id} aria-describedby={d} value={v.periodTo || null} onChange={(value) => form.set('periodTo', value ?? '')} />}
        </Field>
        <Field label="Réponses attendues avant le" required error={form.errors.deadlineOn}>
          {(id, d) => <DateInput id={id} aria-describedby={d} value={v.deadlineOn || null} onChange={(value) => form.set('deadlineOn', value ?? '')} />}
        </Field>
        <Field label="Adresse de réponse" error={form.errors.replyTo} hint="Celle du secrétariat : le classeur et le message la donnent aux structures.">
          {(id, d) => <input id={id} type="email" aria-describedby={d} value={text(v.replyTo)} onChange={(e) => form.set('replyTo', e.target.value)} />}
        </Field>
        <fieldset className="field wide checkbox-group">
          <legend>Fiches actions concernées, selon leur statut</legend>
          {actionStatuses.codes.map((code) => (
            <label key={code} className="checkbox">
              <input
                type="checkbox"
                checked={statuses.includes(code)}
                onChange={(e) => form.set('statuses', e.target.checked ? [...statuses, code] : statuses.filter((s) => s !== code))}
              />
              {actionStatuses.labels[code]}
            </label>
          ))}
          {form.errors.statuses && (
            <div className="error" role="alert">
              {form.errors.statuses}
            </div>
          )}
        </fieldset>
        {frameworks.length > 1 && (
          <fieldset className="field wide checkbox-group">
            <legend>Et selon leur cadre national (aucun coché : tous)</legend>
            {frameworks.map((f) => (
              <label key={f.code} className="checkbox">
                <input
                  type="checkbox"
                  checked={codes.includes(f.code)}
                  onChange={(e) => form.set('frameworkCodes', e.target.checked ? [...codes, f.code] : codes.filter((c) => c !== f.code))}
                />
                {f.shortTitle}
              </label>
            ))}
          </fieldset>
        )}
        <label className="checkbox field wide">
          <input type="checkbox" checked={v.includeContributors ?? false} onChange={(e) => form.set('includeContributors', e.target.checked)} />
          Interroger aussi les structures contributrices (sinon, seulement la structure pilote de chaque fiche)
        </label>
        <p className="hint wide">
          {plural(statuses.length, 'statut retenu', 'statuts retenus')} : une structure reçoit un classeur avec toutes les fiches qu’elle pilote
          {v.includeContributors ? ' ou auxquelles elle contribue' : ''}.
        </p>
      </form>
    </FormDialog>
  );
}
