import { useEffect, useState } from 'react';
import { plural } from '../../../../shared/format';
import { meetingKinds } from '../../../../shared/labels';
import type { MeetingListItem } from '../../../../shared/model/meetings';
import { formatWallClock, parisWallClock } from '../../../../shared/wallclock';
import { api, errorMessage } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/icons';
import { navigate, navigateToCreated } from '../../router';
import { NextSessionCard } from '../dashboard/NextSessionCard';
import { NewSessionDialog } from './SessionForm';
import { Writes } from '../../components/ReadOnly';

export function SessionsList() {
  const [rows, setRows] = useState<MeetingListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    api.meetings.list().then(setRows, (error) => setLoadError(errorMessage(error)));
  }, []);

  const now = parisWallClock(new Date());
  const upcoming = (rows ?? []).filter((r) => r.startsAt >= now).reverse();
  const past = (rows ?? []).filter((r) => r.startsAt < now);
  const newButton = (
    <Writes>
      <button type="button" className="button primary" onClick={() => setCreating(true)}>
        <Icon name="plus" size={18} />
        Nouvelle séance
      </button>
    </Writes>
  );

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Séances</h1>
          <p className="subtitle">
            {rows
              ? rows.length === 0
                ? 'Aucune séance'
                : `${plural(upcoming.length, 'séance à venir', 'séances à venir', 'Aucune séance à venir')} · ${plural(past.length, 'séance passée', 'séances passées', 'aucune séance passée')}`
              : 'Convocations, présences, ordre du jour, décisions et comptes rendus'}
          </p>
        </div>
        <div className="toolbar">{newButton}</div>
      </header>
      {loadError && <p className="form-error">{loadError}</p>}
      {rows && rows.length === 0 ? (
        <EmptyState
          icon="sessions"
          title="Aucune séance pour l’instant"
          action={
            <Writes>
              <button type="button" className="button primary" onClick={() => setCreating(true)}>
                <Icon name="plus" size={18} />
                Créer la première séance
              </button>
            </Writes>
          }
        >
          <p>
            Créez la prochaine séance de la commission : les membres y sont invités d’office, et vous pourrez ensuite préparer l’ordre du jour,
            envoyer la convocation, noter les présences et produire le compte rendu.
          </p>
        </EmptyState>
      ) : (
        rows && (
          <div className="stack">
            <NextSessionCard />
            <SessionTable title="À venir" rows={upcoming} empty="Aucune séance programmée : créez la prochaine." />
            <SessionTable title="Séances passées" rows={past} empty="Aucune séance passée." />
          </div>
        )
      )}
      {creating && <NewSessionDialog onClose={() => setCreating(false)} onCreated={(m) => navigateToCreated('seances', m.id, 'ordre-du-jour')} />}
    </div>
  );
}

function SessionTable({ title, rows, empty }: { title: string; rows: MeetingListItem[]; empty: string }) {
  return (
    <section className="card" aria-label={title}>
      <h2>
        {title} <span className="count">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th style={{ width: 130 }}>Date</th>
              <th>Séance</th>
              <th>Lieu</th>
              <th className="num">Invités</th>
              <th className="num">Présents</th>
              <th className="num">Décisions</th>
              <th className="num">Suites ouvertes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="clickable-row" onClick={() => navigate('seances', r.id)}>
                <td>
                  <a href={`#/seances/${r.id}`} onClick={(e) => e.stopPropagation()}>
                    {formatWallClock(r.startsAt)}
                  </a>
                </td>
                <td className="cell-strong">
                  {meetingKinds.labels[r.kind]}
                  {r.title && <span className="muted"> – {r.title}</span>}
                </td>
                <td>{r.place ?? (r.videoLink ? 'Visioconférence' : <span className="muted">À préciser</span>)}</td>
                <td className="num">{r.invitedCount}</td>
                <td className="num">{r.presentCount}</td>
                <td className="num">{r.decisionsCount}</td>
                <td className="num">{r.openFollowUpsCount > 0 ? <span className="badge warning">{r.openFollowUpsCount}</span> : 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
