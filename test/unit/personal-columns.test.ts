/**
 * The one list of columns that can hold a person's name or details (src/main/db/personal-columns.ts)
 * is complete: every TEXT column Maillage's migrations create is listed, as personal or not, and
 * nothing listed is gone. A migration that adds a column fails here until someone has said what it
 * holds — the erasure reads the list, so a column left out would keep an erased person.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../src/main/db/migrate';
import { PERSONAL_COLUMNS } from '../../src/main/db/personal-columns';

function textColumns(): Map<string, string[]> {
  const db = new Database(':memory:');
  try {
    migrate(db, LATEST_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return new Map(tables.map((t) => [t, (db.pragma(`table_info(${t})`) as { name: string; type: string }[]).filter((c) => c.type.toUpperCase() === 'TEXT').map((c) => c.name)]));
  } finally {
    db.close();
  }
}

it('lists every TEXT column of the schema as personal or not, and nothing else', () => {
  const schema = textColumns();
  const unlisted = [...schema].flatMap(([table, columns]) => columns.filter((c) => !PERSONAL_COLUMNS[table]?.[c]).map((c) => `${table}.${c}`));
  expect(unlisted, 'Add these columns to src/main/db/personal-columns.ts, as personal (name, setting, text…) or not (none, with why)').toEqual([]);
  const gone = Object.entries(PERSONAL_COLUMNS).flatMap(([table, columns]) => Object.keys(columns).filter((c) => !schema.get(table)?.includes(c)).map((c) => `${table}.${c}`));
  expect(gone).toEqual([]);
  expect([...schema.keys()].filter((t) => !(t in PERSONAL_COLUMNS))).toEqual([]);
});

it('says of each column that describes a person which name it goes with', () => {
  for (const [table, columns] of Object.entries(PERSONAL_COLUMNS)) {
    for (const [column, rule] of Object.entries(columns)) {
      if (rule.kind !== 'describes') continue;
      expect(['name', 'setting'], `${table}.${column}`).toContain(columns[rule.name]?.kind);
    }
    for (const [column, rule] of Object.entries(columns)) {
      if (rule.kind !== 'name') continue;
      for (const link of [rule.contact, rule.partner].filter(Boolean)) expect(columns[link!], `${table}.${column} → ${link}`).toBeDefined();
    }
  }
});
