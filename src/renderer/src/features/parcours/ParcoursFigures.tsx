import { useEffect, useState } from 'react';
import { formatDate, formatInteger, formatNumber, plural } from '../../../../shared/format';
import { parcoursEndReasons, parcoursExitReasons } from '../../../../shared/labels';
import type { ParcoursStats } from '../../../../shared/model/parcours';
import { api, errorMessage } from '../../api';
import { DateInput } from '../../components/DateInput';
import { BackLink } from '../../components/BackLink';
import { Stat } from '../../components/Stat';

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** People in a parcours at the end of each month: a line over bars, readable in a glance and by a screen reader. */
function InParcoursChart({ monthly }: { monthly: ParcoursStats['monthly'] }) {
  const W = 640;
  const H = 170;
  const bottom = 24;
  const top = 18;
  const max = Math.max(1, ...monthly.map((m) => m.inProgress));
  const slot = W / Math.max(1, monthly.length);
  const label = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
  const showYear = monthly.length > 12;
  return (
    <svg
      className="parcours-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Personnes en parcours en fin de mois : ${monthly.map((m) => `${label(m.month)} ${m.inProgress}`).join(', ')}`}
    >
      <line x1={0} x2={W} y1={H - bottom} y2={H - bottom} className="axis" />
      {monthly.map((m, i) => {
        const h = ((H - bottom - top) * m.inProgress) / max;
        const x = i * slot + slot * 0.15;
        return (
          <g key={m.month}>
            <rect x={x} y={H - bottom - h} width={slot * 0.7} height={h} rx={2} className="bar">
              <title>{`${label(m.month)} : ${plural(m.inProgress, 'personne')}`}</title>
            </rect>
            {m.inProgress > 0 && monthly.length <= 24 && (
              <text x={x + slot * 0.35} y={H - bottom - h - 4} textAnchor="middle" className="bar-value">
                {formatInteger(m.inProgress)}
              </text>
            )}
            {(!showYear || m.month.endsWith('-01') || i === 0) && (
              <text x={x + slot * 0.35} y={H - 7} textAnchor="middle" className="tick">
                {showYear ? label(m.month) : MONTHS[Number(m.month.slice(5, 7)) - 1]}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

export function ParcoursFiguresPage() {
  const year = new Date().getFullYear();
  const [from, setFrom] = useState<string | null>(`${year}-01-01`);
  const [to, setTo] = useState<string | null>(`${year}-12-31`);
  const [stats, setStats] = useState<ParcoursStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!from || !to) return;
    api.parcours.stats({ from, to }).then(
      (s) => {
        setStats(s);
        setError(null);
      },
      (e) => setError(errorMessage(e)),
    );
  }, [from, to]);

  return (
    <div className="page parcours-figures-page">
      <BackLink href="#/parcours">Toutes les demandes</BackLink>
      <header className="page-header">
        <div>
          <h1>Parcours de sortie : chiffres</h1>
          <p className="subtitle">Les chiffres que l’État demande chaque année, pour la période de votre choix.</p>
        </div>
      </header>
      <div className="filters" role="group" aria-label="Période">
        <label className="inline-field">
          Du
          <DateInput id="ps-from" value={from} onChange={setFrom} />
        </label>
        <label className="inline-field">
          au
          <DateInput id="ps-to" value={to} onChange={setTo} />
        </label>
        {[year - 1, year].map((y) => (
          <button
            key={y}
            type="button"
            className="button"
            onClick={() => {
              setFrom(`${y}-01-01`);
              setTo(`${y}-12-31`);
            }}
          >
            Année {y}
          </button>
        ))}
      </div>
      {error && <p className="form-error">{error}</p>}
      {stats && (
        <div className="stack">
          <section className="card" aria-label="Chiffres de la période">
            <h2>
              Du {formatDate(stats.from)} au {formatDate(stats.to)}
            </h2>
            <div className="stat-row">
              <Stat count={stats.firstRequests} one="première demande" many="premières demandes" />
              <Stat count={stats.renewals} one="renouvellement demandé" many="renouvellements demandés" />
              <Stat count={stats.favourableOpinions} one="avis favorable" many="avis favorables" />
              <Stat count={stats.unfavourableOpinions} one="avis défavorable" many="avis défavorables" />
              <Stat count={stats.adjournedOpinions} one="avis ajourné" many="avis ajournés" />
              <Stat count={stats.authorisations} one="autorisation du préfet" many="autorisations du préfet" />
              <Stat count={stats.refusals} one="refus du préfet" many="refus du préfet" />
              <Stat count={stats.inProgressAtEnd} one={`personne en parcours le ${formatDate(stats.asOf)}`} many={`personnes en parcours le ${formatDate(stats.asOf)}`} />
              <Stat count={stats.exitsTotal} one="sortie de parcours" many="sorties de parcours" />
              <Stat value={stats.meanDurationMonths === null ? '—' : formatNumber(stats.meanDurationMonths)} label="durée moyenne des parcours terminés (mois)" />
            </div>
            {stats.archivedRequests > 0 && (
              <p className="muted">Dont {plural(stats.archivedRequests, 'demande supprimée après cinq ans, comptée', 'demandes supprimées après cinq ans, comptées')} d’après ses dates conservées.</p>
            )}
          </section>
          <div className="two-columns">
            <section className="card" aria-label="Personnes en parcours mois par mois">
              <h2>Personnes en parcours, en fin de mois</h2>
              <InParcoursChart monthly={stats.monthly} />
            </section>
            <section className="card" aria-label="Sorties par motif">
              <h2>Sorties par motif</h2>
              <table className="parcours-exits">
                <tbody>
                  {parcoursExitReasons.map((r) => (
                    <tr key={r}>
                      <th scope="row">{parcoursEndReasons.labels[r]}</th>
                      <td>{formatInteger(stats.exits[r])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </div>
      )}
    </div>
  );
}
