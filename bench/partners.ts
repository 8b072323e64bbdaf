import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { formatInteger } from '../src/shared/format';
import { withCommission } from '../src/main/cli/router';
import { createCommissionDatabase } from '../src/main/commission-file/commission';
import { insertContact, insertPartner } from '../src/main/features/partners/partners';
import { measure, type Benchmark } from './lib';

const PARTNERS = 10_000;
const CONTACTS_PER_PARTNER = 3;

/** The Partenaires grid loads the whole directory at once: its cost grows with the number of structures. */
export const partnersBenchmarks: Benchmark = async (dir) => {
  const file = join(dir, 'partenaires.maillage');
  const now = new Date();
  const db = createCommissionDatabase(file, { departmentCode: '33', name: null }, now);
  db.transaction(() => {
    for (let i = 0; i < PARTNERS; i++) {
      const partnerId = randomUUID();
      // Names out of order, so that the list really sorts.
      insertPartner(
        db,
        partnerId,
        { name: `Structure ${(i * 7919) % PARTNERS}`, type: 'autre', domains: ['prevention'], address: null, postcode: '33000', commune: 'Bordeaux', website: null, siret: null, notes: null },
        now.toISOString(),
      );
      for (let c = 0; c < CONTACTS_PER_PARTNER; c++) {
        insertContact(
          db,
          randomUUID(),
          { partnerId, civility: 'Mme', firstName: 'Claire', lastName: `Contact ${c}`, role: null, email: null, phone: null, isMember: c === 0, source: null, confirmedOn: null, notes: null },
          now.toISOString(),
        );
      }
    }
  })();
  db.close();

  return withCommission(file, 'write', async (invoke) => [
    await measure(`Lister ${formatInteger(PARTNERS)} structures par le routeur (partners.list)`, 7, async () => {
      const list = await invoke('partners.list');
      if (list.length !== PARTNERS) throw new Error(`partners.list returned ${list.length} partners`);
    }),
  ]);
};
