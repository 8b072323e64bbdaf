/**
 * Campaigns of returns (« campagnes de remontées »): which fiches a campaign asks about, which
 * structures are asked (each fiche's pilot, and its contributors when the campaign says so), and
 * where each structure stands: sent, reminded, answered, taken in.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { ApiError } from '../../../shared/errors';
import { compareFrench, sortFrench } from '../../../shared/search';
import type { ReturnRequestState, ReturnRole } from '../../../shared/labels';
import type { CampaignDetail, CampaignSummary, ReturnRequestStatus } from '../../../shared/model/returns';
import type { campaignCreate } from '../../../shared/schemas/returns';
import type { Db } from '../../db/connection';
import { recordChange } from '../../commission-file/changelog';
import { IN_FORCE } from '../composition/sitting';

interface CampaignRow {
  id: string;
  name: string;
  period_from: string;
  period_to: string;
  deadline_on: string;
  reply_to: string | null;
  include_contributors: number;
  created_at: string;
  asked: number;
  answered: number;
  taken_in: number;
}

export interface RequestRow {
  id: string;
  campaign_id: string;
  partner_id: string | null;
  partner_name: string;
  sent_on: string | null;
  reminded_on: string | null;
  reminders: number;
  answered_on: string | null;
  taken_in_on: string | null;
}

const CAMPAIGNS = `SELECT c.*,
    (SELECT count(*) FROM return_requests r WHERE r.campaign_id = c.id) AS asked,
    (SELECT count(*) FROM return_requests r WHERE r.campaign_id = c.id AND r.answered_on IS NOT NULL) AS answered,
    (SELECT count(*) FROM return_requests r WHERE r.campaign_id = c.id AND r.taken_in_on IS NOT NULL) AS taken_in
  FROM return_campaigns c`;

function toSummary(row: CampaignRow): CampaignSummary {
  return {
    id: row.id,
    name: row.name,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    deadlineOn: row.deadline_on,
    replyTo: row.reply_to,
    includeContributors: row.include_contributors === 1,
    createdAt: row.created_at,
    asked: row.asked,
    answered: row.answered,
    takenIn: row.taken_in,
    rate: row.asked === 0 ? null : row.answered / row.asked,
    toRemind: row.asked - row.answered,
  };
}

/** Newest first. */
export function listCampaigns(db: Db): CampaignSummary[] {
  return (db.prepare(`${CAMPAIGNS} ORDER BY c.created_at DESC, c.name`).all() as CampaignRow[]).map(toSummary);
}

export function campaignRow(db: Db, id: string): CampaignSummary {
  const row = db.prepare(`${CAMPAIGNS} WHERE c.id = ?`).get(id) as CampaignRow | undefined;
  if (!row) throw new ApiError('not_found', 'Cette campagne de remontées n’existe plus : elle a peut-être été supprimée.');
  return toSummary(row);
}

export function requestState(r: Pick<RequestRow, 'sent_on' | 'reminded_on' | 'answered_on' | 'taken_in_on'>): ReturnRequestState {
  if (r.taken_in_on) return 'pris_en_compte';
  if (r.answered_on) return 'repondu';
  if (r.reminded_on) return 'relance';
  if (r.sent_on) return 'envoye';
  return 'a_envoyer';
}

/**
 * Who receives a structure's requests: its contacts named for it, else its members, else every
 * contact with an e-mail address; in that order, so that a request reaches someone when it can.
 */
export function recipients(db: Db, partnerId: string | null, day: string): { name: string; email: string }[] {
  if (!partnerId) return [];
  const contacts = sortFrench(
    db
      .prepare(
        // A member: an appointment to the commission in force on `day`.
        `SELECT trim(coalesce(first_name || ' ', '') || last_name) AS name, first_name, last_name, email, receives_returns,
                EXISTS (SELECT 1 FROM seat_members m WHERE m.contact_id = contacts.id AND ${IN_FORCE}) AS is_member
         FROM contacts WHERE partner_id = @partnerId AND email IS NOT NULL`,
      )
      .all({ partnerId, day }) as { name: string; first_name: string | null; last_name: string; email: string; receives_returns: number; is_member: number }[],
    (c) => [c.last_name, c.first_name],
  );
  const chosen = contacts.filter((c) => c.receives_returns === 1);
  const members = contacts.filter((c) => c.is_member === 1);
  return (chosen.length > 0 ? chosen : members.length > 0 ? members : contacts).map(({ name, email }) => ({ name, email }));
}

/** A campaign with each structure's state and who receives its requests on `today`. */
export function getCampaign(db: Db, id: string, folder: string | null, today: string): CampaignDetail {
  const summary = campaignRow(db, id);
  const requests = db.prepare('SELECT * FROM return_requests WHERE campaign_id = ?').all(id) as RequestRow[];
  const roles = db.prepare('SELECT role, count(*) AS n FROM return_request_actions WHERE request_id = ? GROUP BY role');
  const indicators = db
    .prepare('SELECT count(*) FROM indicators i JOIN return_request_actions ra ON ra.action_id = i.action_id WHERE ra.request_id = ?')
    .pluck();
  const statuses = requests
    .map((r): ReturnRequestStatus => {
      const counts = roles.all(r.id) as { role: ReturnRole; n: number }[];
      return {
        id: r.id,
        partnerId: r.partner_id,
        partnerName: r.partner_name,
        roles: counts.map((c) => c.role).sort(),
        fiches: counts.reduce((sum, c) => sum + c.n, 0),
        indicators: indicators.get(r.id) as number,
        recipients: recipients(db, r.partner_id, today).map((c) => c.email),
        state: requestState(r),
        sentOn: r.sent_on,
        remindedOn: r.reminded_on,
        reminders: r.reminders,
        answeredOn: r.answered_on,
        takenInOn: r.taken_in_on,
      };
    })
    .sort((a, b) => compareFrench(a.partnerName, b.partnerName));
  const fiches = db.prepare('SELECT count(DISTINCT action_id) FROM return_request_actions ra JOIN return_requests r ON r.id = ra.request_id WHERE r.campaign_id = ?').pluck().get(id) as number;
  const withoutPilot = db.prepare('SELECT without_pilot FROM return_campaigns WHERE id = ?').pluck().get(id) as number;
  return { ...summary, fiches, fichesWithoutPilot: withoutPilot, requests: statuses, folder };
}

/** The fiches a campaign asks about: those of the chosen statuses and frameworks. */
function chosenActions(db: Db, input: z.output<typeof campaignCreate>): { id: string; pilot_partner_id: string | null }[] {
  const statuses = input.statuses.map(() => '?').join(', ');
  const frameworks = input.frameworkCodes.length
    ? `AND EXISTS (SELECT 1 FROM action_measures am JOIN catalogue_nodes n ON n.id = am.node_id JOIN frameworks f ON f.id = n.framework_id
         WHERE am.action_id = a.id AND f.code IN (${input.frameworkCodes.map(() => '?').join(', ')}))`
    : '';
  return db.prepare(`SELECT a.id, a.pilot_partner_id FROM actions a WHERE a.status IN (${statuses}) ${frameworks}`).all(...input.statuses, ...input.frameworkCodes) as {
    id: string;
    pilot_partner_id: string | null;
  }[];
}

export function createCampaign(db: Db, input: z.output<typeof campaignCreate>, now: Date): string {
  const at = now.toISOString();
  return db.transaction(() => {
    const actions = chosenActions(db, input);
    // Each structure asked, with the fiches it is asked about and its part in each.
    const asked = new Map<string, Map<string, ReturnRole>>();
    const ask = (partnerId: string, actionId: string, role: ReturnRole) => {
      const fiches = asked.get(partnerId) ?? new Map<string, ReturnRole>();
      if (fiches.get(actionId) !== 'pilote') fiches.set(actionId, role);
      asked.set(partnerId, fiches);
    };
    const contributors = db.prepare('SELECT partner_id FROM action_partners WHERE action_id = ?').pluck();
    for (const action of actions) {
      if (action.pilot_partner_id) ask(action.pilot_partner_id, action.id, 'pilote');
      if (input.includeContributors) for (const partnerId of contributors.all(action.id) as string[]) ask(partnerId, action.id, 'contributeur');
    }
    if (asked.size === 0)
      throw new ApiError(
        'validation',
        actions.length === 0
          ? 'Aucune fiche action ne correspond à ces critères : rien à demander.'
          : 'Aucune des fiches choisies n’a de structure pilote : indiquez les pilotes dans les fiches, ou demandez aussi aux structures contributrices.',
      );
    const id = randomUUID();
    const withoutPilot = actions.filter((a) => !a.pilot_partner_id).length;
    db.prepare(
      `INSERT INTO return_campaigns (id, name, period_from, period_to, deadline_on, reply_to, include_contributors, without_pilot, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.name, input.periodFrom, input.periodTo, input.deadlineOn, input.replyTo, input.includeContributors ? 1 : 0, withoutPilot, at, at);
    const partnerName = db.prepare('SELECT name FROM partners WHERE id = ?').pluck();
    const request = db.prepare('INSERT INTO return_requests (id, campaign_id, partner_id, partner_name) VALUES (?, ?, ?, ?)');
    const link = db.prepare('INSERT INTO return_request_actions (request_id, action_id, role) VALUES (?, ?, ?)');
    for (const [partnerId, fiches] of asked) {
      const requestId = randomUUID();
      request.run(requestId, id, partnerId, partnerName.get(partnerId) as string);
      for (const [actionId, role] of fiches) link.run(requestId, actionId, role);
    }
    recordChange(db, at, 'return_campaign', id, 'create', null, { ...input, asked: asked.size, fiches: actions.length });
    return id;
  })();
}

export function deleteCampaign(db: Db, id: string, now: Date): { id: string } {
  const at = now.toISOString();
  return db.transaction(() => {
    const before = campaignRow(db, id);
    db.prepare('DELETE FROM return_campaigns WHERE id = ?').run(id);
    recordChange(db, at, 'return_campaign', id, 'delete', before, null);
    return { id };
  })();
}

export function requestRow(db: Db, id: string): RequestRow | null {
  return (db.prepare('SELECT * FROM return_requests WHERE id = ?').get(id) as RequestRow | undefined) ?? null;
}
