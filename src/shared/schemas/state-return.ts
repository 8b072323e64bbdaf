import * as z from 'zod';
import { indicatorById } from '../state-return';

/** A year of the return: the main side refuses a year not yet over, saying why. */
export const stateReturnYear = z.strictObject({ year: z.number({ error: 'Choisissez une année.' }).int().min(2016, 'Les commissions existent depuis 2016.').max(2999) });

const token = z.uuid({ error: 'Ce choix de dossier n’est plus valable : choisissez de nouveau le dossier.' });
export const folderToken = z.strictObject({ token });
export const stateReturnWrite = z.strictObject({ token, year: stateReturnYear.shape.year });

/** Writes a consolidation's synthesis and workbook, its map shaded by a figure of the format. */
export const consolidationWrite = z.strictObject({
  token,
  mapIndicator: z.string().refine((id) => indicatorById.has(id), 'Choisissez un chiffre de la remontée pour la carte.'),
});
