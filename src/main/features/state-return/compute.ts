/**
 * The figures of a commission's yearly return to the State, for the year and the one before. Each
 * figure comes from the function that computes it for the bilan (documents/report/): the return and
 * the bilan of the same year cannot disagree.
 */
import { departement } from '../../../shared/departements';
import { ApiError } from '../../../shared/errors';
import { meetingKinds, meteos, parcoursExitReasons, parcoursRights, partnerTypes } from '../../../shared/labels';
import { requestsByAssociation, type AssociationRequest } from '../../../shared/parcours';
import { reportSections, type ReportOptions } from '../../../shared/schemas/reports';
import { associationId, AXIS4_MEASURES, CAMPAIGN_ANSWERED, CAMPAIGN_ASKED, indicatorById, zoneId, type StateReturnRow, type ValueType } from '../../../shared/state-return';
import { parisToday } from '../../../shared/wallclock';
import type { Db } from '../../db/connection';
import { reportContext, type ReportContext, type Figures } from '../../documents/report/mapper';
import type { Period } from '../../documents/report/period';
import { fichesUnder, subtree } from '../../documents/report/progress';
import { coveringCampaign } from '../../documents/report/returns';
import { plenaryTarget } from '../../documents/report/summary';
import { readCommission } from '../../commission-file/commission';
import { readReportData } from '../reports/reports';

export interface StateReturn {
  year: number;
  departementCode: string;
  departementName: string;
  regionName: string;
  commissionName: string;
  prefectureCity: string | null;
  /** The day the return was produced (Paris). */
  producedOn: string;
  /** The year's rows, then the previous year's. */
  rows: StateReturnRow[];
}

/** The register's requests with their association (archived requests no longer keep it). */
function associationRequests(db: Db): AssociationRequest[] {
  return db.prepare('SELECT received_on AS receivedOn, association_name AS associationName FROM parcours_requests').all() as AssociationRequest[];
}

/** The measures 15 to 25 of the 2024 strategy in this commission's catalogue, by number. */
function axis4Measures(c: ReportContext): Map<number, string> {
  const found = new Map<number, string>();
  for (const n of c.data.nodes) {
    const m = /^Mesure (\d+)$/.exec(n.label);
    if (n.frameworkCode === 'SNSP2024' && n.kind === 'mesure' && m && (AXIS4_MEASURES as readonly number[]).includes(Number(m[1]))) found.set(Number(m[1]), n.id);
  }
  return found;
}

/** Every row of one year: `figures` are the bilan's for that period (documents/report/figures.ts). */
function yearRows(c: ReportContext, period: Period, figures: Figures, register: readonly AssociationRequest[], zone: string): StateReturnRow[] {
  const rows: StateReturnRow[] = [];
  const push = (id: string, value: number, valueType: ValueType = 'realise', label = indicatorById.get(id)!.label) =>
    rows.push({ indicator_id: id, indicator_label: label, zone_id: zone, date: period.to, value_type: valueType, value });

  push('seances_tenues', figures.sessions);
  for (const k of meetingKinds.codes) push(`seances_${k}`, figures.sessionsByKind[k]);
  push('seances_pleniere', plenaryTarget(period), 'cible');

  const p = figures.parcours;
  push('parcours_demandes', p.firstRequests + p.renewals);
  push('parcours_premieres_demandes', p.firstRequests);
  push('parcours_renouvellements', p.renewals);
  push('parcours_avis', p.opinions);
  push('parcours_avis_favorables', p.favourableOpinions);
  push('parcours_avis_defavorables', p.unfavourableOpinions);
  push('parcours_avis_ajournes', p.adjournedOpinions);
  push('parcours_decisions', p.authorisations + p.refusals);
  push('parcours_autorisations', p.authorisations);
  push('parcours_refus', p.refusals);
  push('parcours_personnes_en_parcours', p.inProgressAtEnd);
  push('parcours_sorties', p.exitsTotal);
  for (const r of parcoursExitReasons) push(`parcours_sorties_${r}`, p.exits[r]);
  push('parcours_personnes_entrees', p.totals.people);
  for (const r of parcoursRights.codes) push(`parcours_droits_${r}`, p.totals.rights[r]);
  const byAssociation = new Map<string, { label: string; value: number }>();
  for (const a of requestsByAssociation(register, period.from, period.to)) {
    const id = associationId(a.association);
    const seen = byAssociation.get(id);
    if (seen) seen.value += a.requests;
    else byAssociation.set(id, { label: `Demandes présentées par ${a.association}`, value: a.requests });
  }
  for (const [id, a] of byAssociation) push(id, a.value, 'realise', a.label);

  const measures = axis4Measures(c);
  for (const m of AXIS4_MEASURES) {
    const node = measures.get(m);
    const fiches = node ? fichesUnder(figures.actions, subtree(c, node)) : [];
    const states = fiches.map((a) => c.t.stateAt(a, period.to));
    push(`mineurs_m${m}_fiches`, fiches.length);
    for (const meteo of meteos.codes) push(`mineurs_m${m}_fiches_${meteo}`, states.filter((s) => s.meteo === meteo).length);
    push(`mineurs_m${m}_fiches_sans_meteo`, states.filter((s) => s.meteo === null).length);
  }

  push('protocoles_signes', figures.protocolsSigned);
  push('protocoles_en_vigueur', figures.protocolsInForce);

  push('reseau_structures', figures.partners);
  for (const t of partnerTypes.codes) push(`reseau_structures_${t}`, figures.partnersByType[t]);
  // The campaign the bilan quotes for the same period (the rate it prints is answered out of asked).
  const campaign = coveringCampaign(c.data, period);
  if (campaign) {
    push(CAMPAIGN_ASKED, campaign.asked);
    push(CAMPAIGN_ANSWERED, campaign.answered);
  }
  return rows;
}

/** The return of `year`, once the year is over: a year under way has no figures to send yet. */
export function computeStateReturn(db: Db, dbPath: string, year: number, now: Date): StateReturn {
  const today = parisToday(now);
  const options: ReportOptions = {
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    frameworks: null,
    sections: [...reportSections],
    detailed: false,
    directory: false,
    includeContacts: false,
    recipients: '',
  };
  if (options.to >= today)
    throw new ApiError('validation', `L’année ${year} n’est pas terminée : la remontée annuelle porte sur une année close (au plus tard ${Number(today.slice(0, 4)) - 1}).`);
  const c = reportContext(readReportData(db, dbPath, now), options);
  const commission = readCommission(db, dbPath);
  const dep = departement(commission.departmentCode);
  if (!dep) throw new ApiError('validation', `Le département de la commission (${commission.departmentCode}) ne figure pas dans la liste officielle : corrigez-le dans Paramètres.`);
  const register = associationRequests(db);
  const zone = zoneId(dep.code);
  return {
    year,
    departementCode: dep.code,
    departementName: dep.name,
    regionName: dep.region.name,
    commissionName: commission.name,
    prefectureCity: commission.prefectureCity,
    producedOn: today,
    rows: [...yearRows(c, c.period, c.now, register, zone), ...yearRows(c, c.previous, c.before, register, zone)],
  };
}
