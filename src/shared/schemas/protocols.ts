import * as z from 'zod';
import { protocolKinds, protocolStatuses } from '../labels';
import { id, isoDate, optionalDate, optionalText, requiredText } from './common';

export const signatoryFields = z.strictObject({
  partnerId: id.nullish().transform((v) => v ?? null),
  structureName: requiredText(200, 'Indiquez la structure signataire.'),
  signerName: optionalText(200),
  signerRole: optionalText(200),
});
export type SignatoryFields = z.input<typeof signatoryFields>;

const protocolBase = z.strictObject({
  title: requiredText(300, 'Le titre est obligatoire.'),
  object: optionalText(5000),
  kind: z.enum(protocolKinds.codes, { error: 'Choisissez la nature du document.' }),
  signedOn: optionalDate,
  startsOn: optionalDate,
  endsOn: optionalDate,
  reviewOn: optionalDate,
  notes: optionalText(5000),
  signatories: z.array(signatoryFields).max(100, 'Cent signataires au plus.').default([]),
  actionIds: z
    .array(id)
    .max(1000)
    .default([])
    .transform((list) => [...new Set(list)]),
});

function checkPeriod(p: { startsOn: string | null; endsOn: string | null }, ctx: z.RefinementCtx) {
  if (p.startsOn && p.endsOn && p.endsOn < p.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'La fin de validité précède le début.' });
}

const protocolStatus = z.enum(protocolStatuses.codes, { error: 'Statut inconnu.' });

export const protocolCreate = protocolBase
  .extend({
    status: protocolStatus.default('projet'),
    /** Date the initial status was reached; today when empty. */
    statusOn: optionalDate,
  })
  .superRefine((p, ctx) => {
    checkPeriod(p, ctx);
    if (p.status !== 'projet' && p.status !== 'en_signature' && !p.signedOn) {
      ctx.addIssue({ code: 'custom', path: ['signedOn'], message: 'Indiquez la date de signature d’un protocole signé.' });
    }
  });
export type ProtocolCreateFields = z.input<typeof protocolCreate>;

export const protocolUpdate = protocolBase.extend({ id }).superRefine(checkPeriod);

export const protocolStatusChange = z.strictObject({
  id,
  status: protocolStatus,
  onDate: isoDate,
  note: optionalText(500),
});

