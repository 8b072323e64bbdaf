import * as z from 'zod';
import { fr } from 'zod/locales';
import { isValidSiret } from '../siret';
import { hasForbiddenChars, stripInvisible } from '../text';

// French messages for every built-in check; field-specific messages below override them.
z.config(fr());

/**
 * Any user text: trimmed, bounded, without the characters XML forbids (shared/text.ts). Typed text
 * with one of those is refused rather than silently changed: the message appears on the field, the
 * user sees what is saved, and a name then matches what they typed everywhere. Imports strip the
 * same characters with a warning instead (spreadsheets/reader.ts), since refusing a whole file for an
 * invisible character would only send the user back to Excel. Bidi controls, zero-width and C1
 * characters (stripInvisible) are removed from every text, typed or not: they show nothing and
 * only make names look like what they are not.
 */
export function text(max: number) {
  return z
    .string()
    .overwrite(stripInvisible)
    .trim()
    .max(max, `Ce texte est trop long (${max} caractères au plus).`)
    .refine((v) => !hasForbiddenChars(v), 'Ce texte contient des caractères non autorisés.');
}

export function requiredText(max: number, message: string) {
  return text(max).min(1, message);
}

/** Optional text: missing, null and blank all become null, so the database holds one kind of « empty ». */
export function optionalText(max: number) {
  return text(max)
    .nullish()
    .transform((v) => (v ? v : null));
}

export const id = z.uuid({ error: 'Identifiant invalide.' });
export const byId = z.strictObject({ id });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as YYYY-MM-DD, between 1900 and 2100 (anything else is a typing error). */
export const isoDate = z
  .string()
  .regex(ISO_DATE, { message: 'Date invalide (format attendu : jj/mm/aaaa).', abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s >= '1900-01-01' && s <= '2100-12-31';
  }, 'Date invalide (format attendu : jj/mm/aaaa).');

export const optionalDate = isoDate.nullish().transform((v) => v ?? null);

export const email = optionalText(254).refine(
  (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  'Adresse électronique invalide (exemple : prenom.nom@exemple.fr).',
);

export const phone = optionalText(40).refine(
  (v) => v === null || (/^[+\d\s().\-/]+$/.test(v) && v.replace(/\D/g, '').length >= 6),
  'Numéro de téléphone invalide.',
);

export const postcode = optionalText(5).refine((v) => v === null || /^\d{5}$/.test(v), 'Le code postal doit comporter 5 chiffres.');

export const website = optionalText(300)
  .refine((v) => v === null || /^(https?:\/\/)?[\w-]+(\.[\w-]+)+([/?#].*)?$/i.test(v), 'Adresse de site invalide (exemple : www.exemple.fr).')
  .transform((v) => (v && !/^https?:\/\//i.test(v) ? `https://${v}` : v));

export const siret = optionalText(20)
  .transform((v) => (v ? v.replace(/\s/g, '') : v))
  .refine((v) => v === null || isValidSiret(v), 'SIRET invalide : 14 chiffres dont la clé de contrôle.');
