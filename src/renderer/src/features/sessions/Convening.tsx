import { useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import { deliberatesValidly, LEGAL_REFERENCES } from '../../../../shared/meeting-rules';
import { meetingReconvene, type MeetingReconveneFields } from '../../../../shared/schemas/meetings';
import { addDays, splitWallClock } from '../../../../shared/wallclock';
import { api } from '../../api';
import { DateInput } from '../../components/DateInput';
import { FormDialog } from '../../components/Dialog';
import { Field, FormError, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import { TimeInput } from '../../components/TimeInput';
import { useToast } from '../../components/Toast';
import { navigateToCreated } from '../../router';
import type { SessionContext } from './context';

const day = (startsAt: string) => formatDate(splitWallClock(startsAt).date);

/**
 * What the quorum means for this session (CRPA R. 133-10): a meeting held without it gives no valid
 * avis and offers « Nouvelle convocation sans condition de quorum »; the meeting so convened says so.
 */
export function ConveningNotice({ ctx }: { ctx: SessionContext }) {
  const { meeting } = ctx;
  const [reconvening, setReconvening] = useState(false);
  const q = meeting.quorum;
  if (meeting.firstConvocation) {
    return (
      <p className="banner banner-info" role="note">
        <Icon name="shield" size={18} />
        <span>
          Nouvelle convocation sur le même ordre du jour après la <a href={`#/seances/${meeting.firstConvocation.id}`}>séance du {day(meeting.firstConvocation.startsAt)}</a>, où le quorum
          n’était pas atteint : la commission délibère valablement sans condition de quorum ({LEGAL_REFERENCES.quorum}).
        </span>
      </p>
    );
  }
  if (!q.applies || q.pending > 0 || deliberatesValidly(q)) return null;
  return (
    <div className="banner banner-warning" role="note">
      <Icon name="alert" size={18} />
      <span>
        Quorum non atteint ({q.counted} sur {q.composition}, {q.required} requis) : la commission ne peut rendre aucun avis valable à cette séance.{' '}
        {meeting.reconvenedAs ? (
          <>
            Elle a été convoquée de nouveau, sans condition de quorum, pour la <a href={`#/seances/${meeting.reconvenedAs.id}`}>séance du {day(meeting.reconvenedAs.startsAt)}</a>.
          </>
        ) : (
          'Convoquez-la de nouveau sur le même ordre du jour : elle délibérera alors sans condition de quorum.'
        )}
      </span>
      {!meeting.reconvenedAs && (
        <button type="button" className="button primary" onClick={() => setReconvening(true)}>
          Nouvelle convocation sans condition de quorum
        </button>
      )}
      {reconvening && <ReconveneDialog ctx={ctx} onClose={() => setReconvening(false)} />}
    </div>
  );
}

function ReconveneDialog({ ctx, onClose }: { ctx: SessionContext; onClose: () => void }) {
  const { meeting } = ctx;
  const start = splitWallClock(meeting.startsAt);
  const initial: MeetingReconveneFields = { id: meeting.id, date: addDays(start.date, 14), startTime: start.time, endTime: meeting.endsAt ? splitWallClock(meeting.endsAt).time : '' };
  const form = useForm(meetingReconvene, initial);
  const toast = useToast();
  const v = form.values;
  const save = form.submit(async (input) => {
    const created = await api.meetings.reconvene(input);
    toast(`Nouvelle séance créée sur le même ordre du jour : ${plural(created.attendees.length, 'personne convoquée', 'personnes convoquées')}.`);
    onClose();
    navigateToCreated('seances', created.id);
  });
  return (
    <FormDialog title="Nouvelle convocation sans condition de quorum" formId="reconvene-form" width={560} saving={form.saving} dirty={form.dirty} submitLabel="Créer la séance" savingLabel="Création…" onClose={onClose}>
      <form id="reconvene-form" onSubmit={save} noValidate>
        <p>
          La nouvelle séance reprend l’ordre du jour, les personnes convoquées et les demandes à examiner. Sa convocation précise qu’aucun quorum ne sera exigé.
        </p>
        <div className="form-grid">
          <Field label="Date" required error={form.errors.date}>
            {(id, d) => <DateInput id={id} aria-describedby={d} value={v.date} onChange={(value) => form.set('date', value as string)} />}
          </Field>
          <div className="field-pair">
            <Field label="Début" required error={form.errors.startTime}>
              {(id, d) => <TimeInput id={id} aria-describedby={d} value={v.startTime} onChange={(value) => form.set('startTime', value)} />}
            </Field>
            <Field label="Fin" error={form.errors.endTime}>
              {(id, d) => <TimeInput id={id} aria-describedby={d} value={v.endTime} onChange={(value) => form.set('endTime', value)} />}
            </Field>
          </div>
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

/** A coordination of minors' situations records how many it coordinated: a number, never a description. */
export function MinorsPanel({ ctx }: { ctx: SessionContext }) {
  const { meeting, apply } = ctx;
  const [count, setCount] = useState(String(meeting.minorsSituations));
  const value = Number(count);
  return (
    <section className="card narrow" aria-labelledby="minors-title">
      <h2 id="minors-title">Situations individuelles de mineurs</h2>
      <form
        className="minors"
        onSubmit={(e) => {
          e.preventDefault();
          void apply(() => api.meetings.setMinors({ meetingId: meeting.id, count: value }), 'Nombre enregistré.');
        }}
      >
        <div className="field">
          <label htmlFor="minors-count">Situations individuelles de mineurs coordonnées</label>
          <input id="minors-count" type="number" min={0} step={1} inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={count === '' || !Number.isInteger(value) || value < 0 || value === meeting.minorsSituations}>
          Enregistrer
        </button>
      </form>
      <p className="muted">Un nombre seulement, repris au compte rendu : aucune situation n’est décrite ici.</p>
    </section>
  );
}
