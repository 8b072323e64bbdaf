/**
 * Demo commissions for tests, generated once per run and copied: the large demo takes seconds to generate
 * and half a dozen files start from it. The demo depends only on its size and its Paris day (its random
 * generator is seeded with them), so a copy is the very file `maillage demo` would make that day.
 * test/global-setup.ts gives the run a cache folder (MAILLAGE_DEMO_CACHE); without one (a script such as
 * `npm run bench:ui`), each copy is generated in place.
 */
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { createCommissionDatabase } from '../../src/main/commission-file/commission';
import { generateDemo } from '../../src/main/features/demo';
import { parisToday } from '../../src/shared/wallclock';

export type DemoSize = 'small' | 'large';

function generate(file: string, size: DemoSize, today: Date, departmentCode: string): void {
  const db = createCommissionDatabase(file, { departmentCode, name: null }, today);
  generateDemo(db, { size, today });
  db.close();
}

/**
 * Puts a demo commission of this size, generated for `today`, in `dir` under the name `maillage demo` gives it
 * (demo.maillage, grande-demo.maillage) or `name`, and returns its path.
 */
export function copyDemo(size: DemoSize, today: Date, dir: string, options: { name?: string; departmentCode?: string } = {}): string {
  const departmentCode = options.departmentCode ?? '33';
  const file = join(dir, options.name ?? (size === 'large' ? 'grande-demo.maillage' : 'demo.maillage'));
  const cache = process.env.MAILLAGE_DEMO_CACHE;
  if (!cache) {
    generate(file, size, today, departmentCode);
    return file;
  }
  const cached = join(cache, `${size}-${departmentCode}-${parisToday(today)}.maillage`);
  if (!existsSync(cached)) {
    // Two workers may both generate it: each writes its own file and the rename makes one of them the copy, whole.
    const own = `${cached}.${process.pid}`;
    generate(own, size, today, departmentCode);
    renameSync(own, cached);
  }
  copyFileSync(cached, file);
  return file;
}
