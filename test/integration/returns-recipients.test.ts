/**
 * Who receives a structure's request for returns: its members are those whose appointment is in force on the day
 * the request is read or sent (composition/sitting.ts), not those whose appointment merely has no end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipients } from '../../src/main/features/returns/campaigns';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeEach(async () => {
  // DEFAULT_NOW is 5 March 2026.
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '33' });
});
afterEach(() => t.cleanup());

describe('the recipients of a request for returns', () => {
  it('are the structure’s members on the day, whose mandate may end later or begin later', async () => {
    const partner = await t.call('partners.create', { name: 'Parquet de Bordeaux', type: 'parquet' });
    const contact = (lastName: string) => t.call('contacts.create', { partnerId: partner.id, firstName: 'Claire', lastName, email: `${lastName.toLowerCase()}@justice.fr` });
    const leaving = await contact('Aubert');
    const coming = await contact('Bernard');
    await contact('Colin');
    await t.call('composition.appoint', { contactIds: [leaving.id], title: 'commission', fromOn: '2026-01-01' });
    const seats = (await t.call('composition.get')).seats;
    const member = seats.flatMap((s) => [s.titulaire, ...s.suppleants]).find((m) => m?.contactId === leaving.id)!;
    await t.call('composition.endMembers', { memberIds: [member.id], on: '2026-06-30' });
    await t.call('composition.appoint', { contactIds: [coming.id], title: 'commission', fromOn: '2026-04-01' });

    const db = t.session.require().db;
    expect(recipients(db, partner.id, '2026-03-05')).toEqual([{ name: 'Claire Aubert', email: 'aubert@justice.fr' }]);
    expect(recipients(db, partner.id, '2026-07-01')).toEqual([{ name: 'Claire Bernard', email: 'bernard@justice.fr' }]);
    // Before anyone's mandate, everyone with an e-mail address.
    expect(recipients(db, partner.id, '2025-12-31').map((c) => c.name)).toEqual(['Claire Aubert', 'Claire Bernard', 'Claire Colin']);
  });
});
