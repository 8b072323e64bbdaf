import { useState } from 'react';
import { formatDate } from '../../../../shared/format';
import { memberRoles, seatTitles } from '../../../../shared/labels';
import { NBSP } from '../../../../shared/typography';
import { civilities, contactFields, type ContactFields } from '../../../../shared/schemas/partners';
import type { Contact, PartnerDetail } from '../../../../shared/types';
import { api } from '../../api';
import { CodeSelect } from '../../components/CodeSelect';
import { DateInput } from '../../components/DateInput';
import { ConfirmDialog, FormDialog } from '../../components/Dialog';
import { Field, FormError, pickFields, PRIVACY_HINT, text, useForm } from '../../components/form';
import { HistoryDialog } from '../../components/HistoryDialog';
import { Icon } from '../../components/icons';
import { PanelCard } from '../../components/PanelCard';
import { useRun, useToast, useUndoableDelete } from '../../components/Toast';
import { EraseDialog } from './EraseDialog';
import { exportPersonalData } from './Gdpr';
import { Writes } from '../../components/ReadOnly';

function fullName(c: Pick<Contact, 'civility' | 'firstName' | 'lastName'>): string {
  return [c.civility, c.firstName, c.lastName].filter(Boolean).join(' ');
}

/** The people of one structure: list, add, edit, remove. */
export function ContactsPanel({ partner, onChange }: { partner: PartnerDetail; onChange: (p: PartnerDetail) => void }) {
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [history, setHistory] = useState<Contact | null>(null);
  const [erasing, setErasing] = useState<Contact | null>(null);
  const toast = useToast();
  const run = useRun();
  const undoableDelete = useUndoableDelete();

  async function reload() {
    onChange(await api.partners.get({ id: partner.id }));
  }

  async function remove(contact: Contact) {
    setDeleting(null);
    if (await undoableDelete(() => api.contacts.delete({ id: contact.id }), `${fullName(contact)} ne fait plus partie des contacts.`, reload)) await reload();
  }

  return (
    <PanelCard
      title="Contacts"
      count={partner.contacts.length}
      add={{ label: 'Ajouter un contact', onClick: () => setEditing('new') }}
      empty="Aucun contact enregistré pour cette structure. Ajoutez les personnes que la commission sollicite."
      dialogs={
        <>
          {history && <HistoryDialog entity="contact" id={history.id} title={fullName(history)} onClose={() => setHistory(null)} />}
          {editing && (
            <ContactDialog
              partnerId={partner.id}
              contact={editing === 'new' ? null : editing}
              onClose={() => setEditing(null)}
              onSaved={async (saved, created) => {
                setEditing(null);
                await reload();
                toast(created ? `Contact ajouté : ${fullName(saved)}.` : 'Contact enregistré.');
              }}
            />
          )}
          <EraseDialog
            person={erasing && { id: erasing.id, name: fullName(erasing) }}
            onClose={() => setErasing(null)}
            onErased={() => {
              setErasing(null);
              void reload();
            }}
          />
          <ConfirmDialog
            open={deleting !== null}
            title="Supprimer ce contact ?"
            confirmLabel="Supprimer"
            danger
            onConfirm={() => deleting && remove(deleting)}
            onCancel={() => setDeleting(null)}
          >
            <p>
              <strong>{deleting && fullName(deleting)}</strong> ne fera plus partie des contacts de « {partner.name} ». Les comptes rendus de séance déjà
              établis gardent son nom.
            </p>
          </ConfirmDialog>
        </>
      }
    >
      <ul className="contact-list">
        {partner.contacts.map((c) => (
          <li key={c.id} className="contact">
            <div className="contact-main">
              <div className="contact-name">
                {fullName(c)}
                {c.membership && (
                  <a className="badge" href="#/partenaires/composition" title={`Siège : ${c.membership.seatLabel}. Voir la composition de la commission.`}>
                    {memberRoles.labels[c.membership.role]}
                    {c.membership.title === 'protection_enfance' ? ' au titre de la protection de l’enfance' : ' de la commission'}
                  </a>
                )}
              </div>
              {c.role && <div className="contact-role">{c.role}</div>}
              <div className="contact-details">
                {c.email && (
                  <span>
                    <Icon name="mail" size={15} /> {c.email}
                  </span>
                )}
                {c.phone && (
                  <span>
                    <Icon name="phone" size={15} /> {c.phone}
                  </span>
                )}
                {c.confirmedOn && <span className="muted">Coordonnées confirmées le {formatDate(c.confirmedOn)}</span>}
              </div>
            </div>
            <div className="contact-actions">
              <button type="button" className="icon-button" onClick={() => setHistory(c)} aria-label={`Historique de ${fullName(c)}`} title="Historique">
                <Icon name="history" size={18} />
              </button>
              <Writes>
                <button type="button" className="icon-button" onClick={() => setEditing(c)} aria-label={`Modifier ${fullName(c)}`} title="Modifier">
                  <Icon name="edit" size={18} />
                </button>
              </Writes>
              <Writes>
                <button type="button" className="icon-button" onClick={() => setDeleting(c)} aria-label={`Supprimer ${fullName(c)}`} title="Supprimer">
                  <Icon name="trash" size={18} />
                </button>
              </Writes>
              <button type="button" className="icon-button" onClick={() => exportPersonalData(c.id, run, toast)} aria-label={`Exporter les données de ${fullName(c)}`} title="Exporter ses données (RGPD)">
                <Icon name="download" size={18} />
              </button>
              <Writes>
                <button type="button" className="icon-button" onClick={() => setErasing(c)} aria-label={`Effacer ${fullName(c)} partout`} title="Effacer partout (RGPD)">
                  <Icon name="eraser" size={18} />
                </button>
              </Writes>
            </div>
          </li>
        ))}
      </ul>
    </PanelCard>
  );
}

function ContactDialog({
  partnerId,
  contact,
  onClose,
  onSaved,
}: {
  partnerId: string;
  contact: Contact | null;
  onClose: () => void;
  onSaved: (contact: Contact, created: boolean) => void;
}) {
  const form = useForm(
    contactFields,
    contact
      ? pickFields(contactFields, { ...contact, partnerId })
      : { partnerId, civility: null, firstName: '', lastName: '', role: '', email: '', phone: '', isMember: false, memberTitle: 'commission', receivesReturns: false, source: '', confirmedOn: null, notes: '' },
  );
  const v = form.values;

  const save = form.submit(async (input) => {
    const { partnerId: _partnerId, ...fields } = input;
    const saved = contact ? await api.contacts.update({ ...fields, id: contact.id }) : await api.contacts.create(input);
    onSaved(saved, !contact);
  });

  const set = <K extends keyof ContactFields>(key: K) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    form.set(key, event.target.value as ContactFields[K]);

  return (
    <FormDialog title={contact ? 'Modifier le contact' : 'Nouveau contact'} formId="contact-form" width={620} saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer le contact" onClose={onClose}>
      <form id="contact-form" onSubmit={save} noValidate>
        <div className="form-grid">
          <Field label="Civilité" error={form.errors.civility}>
            {(id, d) => (
              <CodeSelect id={id} aria-describedby={d} codes={civilities} value={v.civility} onChange={(c) => form.set('civility', c)} empty="—" />
            )}
          </Field>
          <div />
          <Field label="Prénom" error={form.errors.firstName}>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.firstName)} onChange={set('firstName')} autoFocus />}
          </Field>
          <Field label="Nom" required error={form.errors.lastName}>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.lastName)} onChange={set('lastName')} />}
          </Field>
          <Field label="Fonction" error={form.errors.role} wide>
            {(id, d) => <input id={id} aria-describedby={d} placeholder="Cheffe de service, commissaire, directrice…" value={text(v.role)} onChange={set('role')} />}
          </Field>
          <Field label="Courriel" error={form.errors.email}>
            {(id, d) => <input id={id} aria-describedby={d} type="email" value={text(v.email)} onChange={set('email')} />}
          </Field>
          <Field label="Téléphone" error={form.errors.phone}>
            {(id, d) => <input id={id} aria-describedby={d} type="tel" value={text(v.phone)} onChange={set('phone')} />}
          </Field>
          <div className="field wide">
            <label className="checkbox">
              <input type="checkbox" checked={v.isMember ?? false} onChange={(e) => form.set('isMember', e.target.checked)} />
              Membre de la commission (convoqué aux séances)
            </label>
            <p className="hint">
              {contact?.membership
                ? `${memberRoles.labels[contact.membership.role]} du siège « ${contact.membership.seatLabel} ». Décocher met fin à son mandat aujourd’hui${NBSP}; suppléants, dates et arrêtés se règlent dans Partenaires › Composition.`
                : `Cocher crée un siège dont ce contact est titulaire${NBSP}; suppléants, dates et arrêtés se règlent dans Partenaires › Composition.`}
            </p>
          </div>
          {v.isMember && !contact?.membership && (
            <Field label="Siège" error={form.errors.memberTitle} hint="Les membres ajoutés par le décret du 30 décembre 2025 ne siègent pas à l’examen des demandes de parcours de sortie.">
              {(id, d) => (
                <CodeSelect
                  id={id}
                  aria-describedby={d}
                  codes={seatTitles.codes}
                  labels={seatTitles.labels}
                  value={v.memberTitle ?? 'commission'}
                  onChange={(title) => form.set('memberTitle', title ?? 'commission')}
                />
              )}
            </Field>
          )}
          <div className="field wide">
            <label className="checkbox">
              <input type="checkbox" checked={v.receivesReturns ?? false} onChange={(e) => form.set('receivesReturns', e.target.checked)} />
              Reçoit les demandes de remontées de sa structure (point d’avancement des fiches actions)
            </label>
          </div>
          <Field label="Source des coordonnées" error={form.errors.source} hint="Par exemple : annuaire de la préfecture, courriel de l’intéressé.">
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.source)} onChange={set('source')} />}
          </Field>
          <Field label="Coordonnées confirmées le" error={form.errors.confirmedOn}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.confirmedOn} onChange={(value) => form.set('confirmedOn', value)} />}
          </Field>
          <Field label="Notes" error={form.errors.notes} hint={PRIVACY_HINT} wide>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.notes)} onChange={set('notes')} />}
          </Field>
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}
