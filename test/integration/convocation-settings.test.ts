import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRouter, type TestRouter } from '../helpers/router';

let t: TestRouter;
beforeEach(async () => {
  t = createTestRouter();
  await t.call('app.createCommission', { departmentCode: '33' });
});
afterEach(() => t.cleanup());

async function exportDocument(document: 'convocation' | 'lettres' | 'compte_rendu', meetingId: string) {
  t.os.queueSaveFile(join(t.dir, `${document}.docx`));
  return (await t.call('meetings.export', { id: meetingId, document }))!.warning;
}

describe('a convocation sent before Paramètres are filled', () => {
  it('says which settings it lacks, and no more once they are filled', async () => {
    // Two months ahead of the test clock (05/03/2026): in time for the décret's notice.
    const partner = await t.call('partners.create', { name: 'Amicale du Nid', type: 'association_sortie', domains: [] });
    await t.call('contacts.create', { partnerId: partner.id, lastName: 'Bézier', isMember: true });
    const meeting = await t.call('meetings.create', { kind: 'pleniere', date: '2026-05-12', startTime: '14:00' });
    const prompt = 'À compléter dans Paramètres avant l’envoi : la ville de la préfecture (pour la date), le nom du secrétaire et le contact du secrétariat (téléphone, courriel).';
    expect(await exportDocument('convocation', meeting.id)).toBe(prompt);
    expect(await exportDocument('lettres', meeting.id)).toBe(prompt);
    // The minutes print none of them.
    expect(await exportDocument('compte_rendu', meeting.id)).toBeNull();

    await t.call('settings.update', { name: 'Commission de la Gironde', departmentCode: '33', prefectureCity: 'Bordeaux', secretaryName: null, secretariatContact: null, signatoryName: null, signatoryTitle: null });
    expect(await exportDocument('convocation', meeting.id)).toBe('À compléter dans Paramètres avant l’envoi : le nom du secrétaire et le contact du secrétariat (téléphone, courriel).');
    await t.call('settings.update', { name: 'Commission de la Gironde', departmentCode: '33', prefectureCity: 'Bordeaux', secretaryName: 'Mme Claire Duval', secretariatContact: '05 56 90 60 60', signatoryName: null, signatoryTitle: null });
    expect(await exportDocument('convocation', meeting.id)).toBeNull();
  });
});
