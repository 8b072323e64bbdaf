/**
 * What the bilan says of partners' returns (features/returns): the rate of answers of the campaign
 * that covers its period, and the day each fiche's latest return was taken in. Kept apart so that
 * the report's other figures need not know of campaigns.
 */
import { formatDate, formatInteger } from '../../../shared/format';
import type { ReportData } from './data';
import type { Period } from './period';

/** Among the campaigns whose period overlaps the report's, the one that ends last (then the latest made). */
export function coveringCampaign(data: ReportData, p: Period): ReportData['returns']['campaigns'][number] | null {
  const overlapping = data.returns.campaigns.filter((c) => c.periodFrom <= p.to && c.periodTo >= p.from && c.asked > 0);
  return overlapping.sort((a, b) => b.periodTo.localeCompare(a.periodTo) || b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}

/** The answer rate of a campaign in whole percent, as the bilan and the yearly return to the State give it. */
export function answerRate(campaign: { asked: number; answered: number }): number {
  return Math.round((campaign.answered / campaign.asked) * 100);
}

/** « 45 structures sur 69 ont répondu à la campagne de remontées « … » (65 %). », or null without a campaign. */
export function returnsEssential(data: ReportData, p: Period): string | null {
  const campaign = coveringCampaign(data, p);
  if (!campaign) return null;
  const { answered, asked } = campaign;
  const who = answered === 0 ? 'Aucune structure n’a' : `${formatInteger(answered)} ${answered === 1 ? 'structure a' : 'structures ont'}`;
  return `${who} répondu à la campagne de remontées « ${campaign.name} » sur ${formatInteger(asked)} ${asked === 1 ? 'interrogée' : 'interrogées'} (${formatInteger(answerRate(campaign))} %).`;
}

/** The day the fiche's latest return taken in by the end of the period was received, or null. */
export function lastReturnOn(data: ReportData, actionId: string, p: Period): string | null {
  let last: string | null = null;
  for (const r of data.returns.entries) if (r.actionId === actionId && r.on <= p.to && (last === null || r.on > last)) last = r.on;
  return last;
}

export const lastReturnText = (day: string | null) => (day ? `Dernière remontée : ${formatDate(day)}` : null);
