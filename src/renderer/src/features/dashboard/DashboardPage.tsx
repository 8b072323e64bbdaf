import { useEffect, useState } from 'react';
import { formatDate, formatInteger, formatNumber, plural } from '../../../../shared/format';
import type { Dashboard, DashboardActionRef } from '../../../../shared/model/measures';
import { shownExpected } from '../../../../shared/progress';
import { api, errorMessage } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/icons';
import { LoadError } from '../../components/LoadError';
import { navigate } from '../../router';
import { MeteoBadge, StatusBadge } from '../measures/badges';
import { BulletBar, MeteoBars, MonthBars, StatusBreakdown } from './charts';
import { NextSessionCard } from './NextSessionCard';
import { RenewalsCard } from './RenewalsCard';
import { ParcoursDeadlinesCard } from './ParcoursDeadlinesCard';
import './dashboard.css';
import { Writes } from '../../components/ReadOnly';

const LIST_LIMIT = 6;

/** Where the commission stands: the first thing a coordinator looks at. */
export function DashboardPage() {
  const [data, setData] = useState<Dashboard | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    api.dashboard.get().then(setData, (error) => setLoadError(errorMessage(error)));
  }, []);

  if (loadError) return <LoadError message={loadError} />;
  if (!data) return <div className="loading">Chargement…</div>;

  return (
    <div className="page dashboard">
      <header className="page-header">
        <div>
          <h1>Tableau de bord</h1>
          <p className="subtitle">Situation au {formatDate(data.today)}</p>
        </div>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => navigate('mesures', 'fiches')}>
            Toutes les fiches actions
          </button>
          <Writes>
            <button type="button" className="button primary" onClick={() => navigate('mesures', 'fiches', 'nouvelle')}>
              <Icon name="plus" size={18} />
              Nouvelle fiche action
            </button>
          </Writes>
        </div>
      </header>

      <div className="kpis">
        <Kpi label="Fiches actions" value={data.actionsCount} href="#/mesures/fiches" />
        <Kpi label="En retard" value={data.overdue.length} tone={data.overdue.length > 0 ? 'danger' : undefined} icon="alert" />
        <Kpi label="Échéance sous 30 jours" value={data.endingSoon.length} tone={data.endingSoon.length > 0 ? 'warning' : undefined} icon="clock" />
        <Kpi
          label={data.indicatorsCount ? `Indicateurs en retard sur ${formatInteger(data.indicatorsCount)}` : 'Indicateurs en retard'}
          value={data.indicatorsBehind.length}
          tone={data.indicatorsBehind.length > 0 ? 'danger' : undefined}
          icon="trend"
        />
      </div>

      {data.actionsCount === 0 && (
        <EmptyState
          icon="dashboard"
          title="Aucune fiche action pour l’instant"
          action={
            <button type="button" className="button primary" onClick={() => navigate('mesures')}>
              Parcourir les mesures nationales
            </button>
          }
        >
          <p>Créez les fiches actions du département en les rattachant aux mesures nationales : le tableau de bord montrera ensuite leur état.</p>
        </EmptyState>
      )}

      <div className="dash-grid">
        {data.frameworks.map((f) => (
          <section key={f.code} className="card dash-card framework-card" aria-label={f.title}>
            <h2>{f.shortTitle}</h2>
            <p className="muted framework-subtitle">
              {f.title} · {plural(f.summary.count, 'fiche action', 'fiches actions', 'aucune fiche action')}
            </p>
            <h3 className="section-title">Statuts</h3>
            <StatusBreakdown byStatus={f.summary.byStatus} />
            <h3 className="section-title">Météo</h3>
            <MeteoBars byMeteo={f.summary.byMeteo} />
          </section>
        ))}

        <section className="card dash-card" aria-label="Échéances">
          <h2>
            <Icon name="alert" size={18} /> Échéances
          </h2>
          <ActionList title="En retard" items={data.overdue} empty="Aucune fiche en retard." tone="danger" />
          <ActionList title="À échéance dans les 30 jours" items={data.endingSoon} empty="Aucune échéance dans les 30 prochains jours." />
        </section>

        <section className="card dash-card" aria-label="Indicateurs en retard">
          <h2>
            <Icon name="trend" size={18} /> Indicateurs en deçà de leur trajectoire
          </h2>
          {data.indicatorsBehind.length === 0 ? (
            <p className="muted">
              {data.indicatorsCount === 0 ? 'Aucun indicateur suivi : ajoutez-en dans les fiches actions.' : 'Tous les indicateurs mesurés sont dans leur trajectoire.'}
            </p>
          ) : (
            <ul className="behind-list">
              {data.indicatorsBehind.slice(0, LIST_LIMIT).map((i) => (
                <li key={i.id}>
                  <a href={`#/mesures/fiches/${i.actionId}`} className="behind-name">
                    {i.name}
                  </a>
                  <span className="muted behind-action">{i.actionTitle}</span>
                  <BulletBar latest={i.latest} expected={i.expected} target={i.target} unit={i.unit} />
                  <span className="behind-figures">
                    <strong>{formatNumber(i.latest)}</strong> au {formatDate(i.latestOn)} · attendu {formatNumber(shownExpected(i.expected, i.latest))} · cible {formatNumber(i.target)} au{' '}
                    {formatDate(i.targetOn)}
                  </span>
                </li>
              ))}
              {data.indicatorsBehind.length > LIST_LIMIT && <li className="muted">… et {plural(data.indicatorsBehind.length - LIST_LIMIT, 'autre indicateur', 'autres indicateurs')}</li>}
            </ul>
          )}
        </section>

        <section className="card dash-card wide-card" aria-label="Journal">
          <h2>
            <Icon name="journal" size={18} /> Activité du journal
          </h2>
          <div className="journal-activity">
            <div>
              <h3 className="section-title">Entrées par mois (12 derniers mois)</h3>
              <MonthBars data={data.journalByMonth} />
            </div>
            <div>
              <h3 className="section-title">Dernières entrées</h3>
              {data.latestEntries.length === 0 ? (
                <p className="muted">Aucune entrée de journal pour l’instant.</p>
              ) : (
                <ul className="latest-entries">
                  {data.latestEntries.map((e) => (
                    <li key={e.id}>
                      <time dateTime={e.entryOn}>{formatDate(e.entryOn)}</time>
                      <div>
                        <a href={`#/mesures/fiches/${e.actionId}`}>
                          {e.actionCode && <span className="code-tag">{e.actionCode}</span>} {e.actionTitle}
                        </a>
                        <p className="latest-text">{e.text}</p>
                      </div>
                      <span className="latest-state">
                        {e.status && <StatusBadge status={e.status} />}
                        {e.meteo && <MeteoBadge meteo={e.meteo} compact />}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </section>

        <NextSessionCard />
        <RenewalsCard limit={LIST_LIMIT} />
        <ParcoursDeadlinesCard />
      </div>
    </div>
  );
}

function Kpi({ label, value, tone, icon, href }: { label: string; value: number; tone?: 'danger' | 'warning'; icon?: 'alert' | 'clock' | 'trend'; href?: string }) {
  const body = (
    <>
      <span className="kpi-value">
        {icon && <Icon name={icon} size={20} />}
        {formatInteger(value)}
      </span>
      <span className="kpi-label">{label}</span>
    </>
  );
  return href ? (
    <a className={`kpi card${tone ? ` ${tone}` : ''}`} href={href}>
      {body}
    </a>
  ) : (
    <div className={`kpi card${tone ? ` ${tone}` : ''}`}>{body}</div>
  );
}

function ActionList({ title, items, empty, tone }: { title: string; items: DashboardActionRef[]; empty: string; tone?: 'danger' }) {
  return (
    <div className="deadline-block">
      <h3 className="section-title">
        {title} <span className={`count${tone ? ` ${tone}` : ''}`}>{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="deadline-list">
          {items.slice(0, LIST_LIMIT).map((a) => (
            <li key={a.id}>
              <time dateTime={a.endsOn} className={tone}>
                {formatDate(a.endsOn)}
              </time>
              <a href={`#/mesures/fiches/${a.id}`}>{a.title}</a>
              <span className="deadline-state">
                <StatusBadge status={a.status} />
                <MeteoBadge meteo={a.meteo} compact />
              </span>
            </li>
          ))}
          {items.length > LIST_LIMIT && (
            <li className="muted">
              … et {plural(items.length - LIST_LIMIT, 'autre fiche', 'autres fiches')} : <a href="#/mesures/fiches">voir la liste</a>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
