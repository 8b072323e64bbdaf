/**
 * Hostile input on every API channel (iterated from the contract, so channels added later are
 * covered): random values and malformed variants of a valid sample — huge strings, emoji,
 * right-to-left text, NUL bytes, SQL, dates out of range, wrong types, missing and extra fields.
 * Every call must answer a structured error or a value, never crash or report an internal error,
 * and a rejected call must leave the data as it was. Dialogs are answered by a fake OS with
 * cancellations and garbage paths.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, contract, type ChannelName } from '../../src/shared/api';
import type { ErrorCode } from '../../src/shared/errors';
import { createRouter, type Router } from '../../src/main/api/router';
import type { OsServices } from '../../src/main/platform/os';
import { BACKUPS_FOLDER } from '../../src/main/commission-file/backups';
import { filesDir } from '../../src/main/commission-file/commission';
import { CommissionSession } from '../../src/main/commission-file/session';
import { channelSamples, type SampleIds } from '../fixtures/channel-samples';
import { TestClock } from '../helpers/router';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 50);
const EXPECTED_ERRORS: ErrorCode[] = ['validation', 'not_found', 'conflict', 'no_commission', 'io'];

let dir: string;
let session: CommissionSession;
let router: Router;
let fixturePath: string;
let ids: SampleIds;
const logged: unknown[] = [];

/** Dialog answers cycle through cancellations and paths no user should be able to break Maillage with. */
function hostileOs(root: string): OsServices {
  mkdirSync(join(root, 'sortie'), { recursive: true });
  const garbage = join(root, 'garbage.bin');
  writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const answers = () => [
    null,
    '',
    garbage,
    root,
    join(root, 'absent', 'dossier', 'fichier.docx'),
    join(root, 'nul\u0000byte.maillage'),
    join(root, `${'n'.repeat(300)}.maillage-echange`),
    '/proc/self/mem',
    join(root, 'sortie', `${randomUUID()}.docx`),
  ];
  let turn = 0;
  const next = () => {
    const list = answers();
    return list[turn++ % list.length]!;
  };
  return { dataDir: root, pickOpenFile: async () => next(), pickSaveFile: async () => next(), pickFolder: async () => next(), openPath: async () => {}, showInFolder: async () => {} };
}

async function call<C extends ChannelName>(channel: C, input: unknown): Promise<unknown> {
  const result = await router.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-hostile-'));
  const clock = new TestClock();
  session = new CommissionSession(dir, undefined, clock.now);
  router = createRouter({ session, os: hostileOs(join(dir, 'os')), now: clock.now }, (error) => logged.push(error));
  const summary = (await call('app.createCommission', { departmentCode: '33', name: null })) as { filePath: string };
  fixturePath = summary.filePath;
  const partner = (await call('partners.create', { name: 'Amicale du Nid', type: 'association_sortie' })) as { id: string };
  const contact = (await call('contacts.create', { partnerId: partner.id, lastName: 'Martin', isMember: true })) as { id: string };
  const meeting = (await call('meetings.create', { kind: 'pleniere', date: '2026-04-02', startTime: '14:30' })) as { id: string; attendees: { id: string }[] };
  const withItem = (await call('agenda.create', { meetingId: meeting.id, title: 'Bilan' })) as { agenda: { id: string }[] };
  const agendaItemId = withItem.agenda[0]!.id;
  const withDecision = (await call('decisions.create', { meetingId: meeting.id, agendaItemId, text: 'Poursuivre' })) as { decisions: { id: string }[] };
  const decisionId = withDecision.decisions[0]!.id;
  const withFollowUp = (await call('followUps.create', { meetingId: meeting.id, decisionId, text: 'Planifier' })) as { followUps: { id: string }[] };
  const frameworks = (await call('catalogue.tree', undefined)) as { nodes: { id: string; children: { id: string }[] }[] }[];
  const measureId = frameworks[0]!.nodes[0]!.children[0]?.id ?? frameworks[0]!.nodes[0]!.id;
  const action = (await call('actions.create', { title: 'Former les professionnels', measureIds: [measureId] })) as { id: string };
  const withJournal = (await call('journal.create', { actionId: action.id, entryOn: '2026-03-01', text: 'Première session' })) as { journal: { id: string }[] };
  const withIndicator = (await call('indicators.create', { actionId: action.id, name: 'Professionnels formés' })) as { indicators: { id: string }[] };
  const indicatorId = withIndicator.indicators[0]!.id;
  const withValue = (await call('indicators.addValue', { indicatorId, measuredOn: '2026-03-01', value: 12 })) as { indicators: { values: { id: string }[] }[] };
  const protocol = (await call('protocols.create', { title: 'Protocole de repérage', kind: 'reperage_signalement' })) as { id: string };
  const parcours = (await call('parcours.create', { associationName: 'Amicale du Nid', receivedOn: '2026-02-01' })) as { id: string };
  const backup = (await call('backups.create', undefined)) as { id: string };
  const composition = (await call('composition.get', undefined)) as { seats: { id: string; titulaire: { id: string } }[] };
  ids = {
    partnerId: partner.id,
    contactId: contact.id,
    meetingId: meeting.id,
    agendaItemId,
    decisionId,
    followUpId: withFollowUp.followUps[0]!.id,
    attendeeId: meeting.attendees[0]!.id,
    backupId: backup.id,
    measureId,
    actionId: action.id,
    journalEntryId: withJournal.journal[0]!.id,
    indicatorId,
    indicatorValueId: withValue.indicators[0]!.values[0]!.id,
    protocolId: protocol.id,
    parcoursId: parcours.id,
    seatId: composition.seats[0]!.id,
    seatMemberId: composition.seats[0]!.titulaire.id,
  };
}, 60_000);

afterAll(() => {
  session.discardImport();
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each connection the session opened, numbered: a call that reopened the file is seen, its count starting again. */
const connections = new WeakMap<object, number>();
let connectionCount = 0;

/** A checksum of every row of every table. */
function rowsDigest(db: ReturnType<CommissionSession['require']>['db']): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const table of tables) hash.update(`${table}:${JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).raw().all())}`);
  return hash.digest('hex');
}

/** The rows' checksum, taken again only when SQLite says rows were written since the last one. */
let digested: { writes: string; digest: string } | null = null;

/**
 * What a rejected call must not change: the commission open, its rows and its attached files. SQLite counts
 * the rows a connection inserted, updated or deleted (total_changes()): the same count before and after means
 * nothing was written, without reading every table twice per call. It also counts what a transaction wrote and
 * then rolled back, so when the count moved, the rows themselves are compared, with those taken before.
 */
function footprint(): { commission: string | null; attached: string[]; rows: string } {
  const commission = session.status().commission?.filePath ?? null;
  let open: ReturnType<CommissionSession['require']> | null = null;
  try {
    open = session.require();
  } catch {
    return { commission, attached: [], rows: '' };
  }
  if (!connections.has(open.db)) connections.set(open.db, ++connectionCount);
  const writes = `${connections.get(open.db)}:${String(open.db.prepare('SELECT total_changes()').pluck().get())}`;
  if (digested?.writes !== writes) digested = { writes, digest: rowsDigest(open.db) };
  const files = filesDir(open.path);
  const attached = existsSync(files) ? readdirSync(files).sort().filter((entry) => entry !== BACKUPS_FOLDER).map((entry) => `${entry}:${statSync(join(files, entry)).size}`) : [];
  return { commission, attached, rows: digested.digest };
}

const hostileStrings = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'x'.repeat(200_000),
    '👩‍👩‍👧‍👦🎉🇫🇷 Amicale 🏳️‍🌈',
    'جمعية الحماية \u202Eالعربية\u202C',
    'שלום עולם',
    'a\u0000b',
    '\u0000',
    "'; DROP TABLE partners; --",
    "Robert'); DELETE FROM contacts WHERE ('1'='1",
    '" OR 1=1 --',
    '../../../../etc/passwd',
    'C:\\Windows\\System32',
    '9999-99-99',
    '0000-00-00',
    '2026-02-30',
    '1899-12-31',
    '2101-01-01',
    '+275760-09-13',
    '25:61',
    '__proto__',
    'constructor',
    '\uD800',
    '\u200B\u200D\uFEFF',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uuid(),
);

const hostileValues: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  fc.integer(),
  fc.constantFrom(0, -1, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(hostileStrings, { maxLength: 5 }),
  fc.dictionary(hostileStrings, hostileStrings, { maxKeys: 3 }),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(Array.from({ length: 5000 }, (_, i) => `x${i}`), { length: 3 }, [[[[]]]], Object.create(null)),
);

/** Malformed variants of a valid sample: the whole value replaced, one field replaced, removed or added. */
function inputs(sample: unknown): fc.Arbitrary<unknown> {
  const variants: fc.Arbitrary<unknown>[] = [hostileValues, fc.anything(), fc.constant(sample)];
  if (sample && typeof sample === 'object') {
    const record = sample as Record<string, unknown>;
    const keys = Object.keys(record);
    variants.push(
      fc.tuple(fc.constantFrom(...keys), hostileValues).map(([key, value]) => ({ ...record, [key]: value })),
      fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key))),
      fc.tuple(hostileStrings, hostileValues).map(([key, value]) => ({ ...record, [key || 'extra']: value })),
      fc.constantFrom(...keys).map((key) => ({ ...record, [key]: randomUUID() })),
    );
  } else {
    variants.push(fc.tuple(hostileStrings, hostileValues).map(([key, value]) => ({ [key || 'extra']: value })));
  }
  return fc.oneof(...variants);
}

describe('channel samples', () => {
  it('has a valid sample input for every channel of the contract', () => {
    const missing = channelNames.filter((channel) => !channelSamples[channel]);
    expect(missing, 'add a sample for these channels in test/fixtures/channel-samples.ts').toEqual([]);
    for (const channel of channelNames) {
      const parsed = contract[channel].input.safeParse(channelSamples[channel]!(ids));
      expect(parsed.success, `${channel}: ${parsed.error?.message}`).toBe(true);
    }
  });
});

describe('hostile input on every channel', () => {
  for (const channel of channelNames) {
    it(channel, async () => {
      // Each channel starts from the fixture commission, whatever the previous one opened.
      if (session.status().commission?.filePath !== fixturePath) await session.open(fixturePath);
      const sample = channelSamples[channel]?.(ids);
      await fc.assert(
        fc.asyncProperty(inputs(sample), async (input) => {
          const before = footprint();
          const result = await router.invoke(channel, input);
          const internal = logged.splice(0).map((e) => `${String(e)} ← ${String((e as Error).cause)}`);
          expect(internal, `${channel} logged an internal error for ${JSON.stringify(input)?.slice(0, 200)}`).toEqual([]);
          if (result.ok) return;
          expect(EXPECTED_ERRORS, `${channel}: ${result.error.code} ${result.error.message}`).toContain(result.error.code);
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message.length).toBeGreaterThan(0);
          expect(footprint(), `${channel} changed the data although it answered ${result.error.code}`).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    }, 120_000);
  }

  it('every channel without an open commission answers a structured error or a value', async () => {
    session.close();
    for (const channel of channelNames) {
      const result = await router.invoke(channel, channelSamples[channel]?.(ids));
      if (!result.ok) expect(EXPECTED_ERRORS, `${channel}: ${result.error.message}`).toContain(result.error.code);
      expect(logged).toEqual([]);
      session.close();
    }
  });

  it('an unknown channel is refused', async () => {
    for (const name of ['partners.drop', '__proto__', 'constructor', 'toString', '', 42, null]) {
      const result = await router.invoke(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });
});
