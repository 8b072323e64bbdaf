import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPathProblem, type OpenContext } from '../../src/main/platform/open-policy';

const folder = resolve('/donnees/commissions/gironde-fichiers');
const chosen = resolve('/home/secretaire/Documents/compte-rendu.docx');
const report = resolve('/home/secretaire/Documents/bilan-2025.docx');
const context: OpenContext = { commissionFolder: folder, chosen: new Set([chosen]), isRecordedReport: (p) => p === report };

describe('which files Maillage hands to the system', () => {
  it('opens documents inside the commission folder, chosen in a dialog, or recorded reports', () => {
    expect(openPathProblem(join(folder, 'protocoles', 'convention.pdf'), context)).toBeNull();
    expect(openPathProblem(join(folder, 'logo.PNG'), context)).toBeNull();
    expect(openPathProblem(chosen, context)).toBeNull();
    expect(openPathProblem(report, context)).toBeNull();
    for (const ext of ['pdf', 'docx', 'odt', 'xlsx', 'ods', 'csv', 'jpg', 'jpeg', 'png', 'ics']) expect(openPathProblem(join(folder, `a.${ext}`), context), ext).toBeNull();
  });

  it('never opens executables or shortcuts, wherever they are', () => {
    for (const name of ['setup.exe', 'raccourci.lnk', 'site.url', 'script.bat', 'x.cmd', 'x.js', 'x.vbs', 'x.scr', 'x.msi', 'x.ps1', 'x.hta', 'x.desktop', 'x.sh', 'x.app', 'sans-extension', 'protocole.pdf.exe']) {
      expect(openPathProblem(join(folder, name), context), name).toMatch(/n’ouvre que des documents/);
    }
    expect(openPathProblem(resolve('/home/secretaire/Documents/compte-rendu.exe'), { ...context, chosen: new Set([resolve('/home/secretaire/Documents/compte-rendu.exe')]) })).toMatch(/n’ouvre que des documents/);
  });

  it('refuses documents elsewhere on the disk, including through « .. »', () => {
    expect(openPathProblem(resolve('/home/secretaire/secret.pdf'), context)).toMatch(/ne se trouve pas dans le dossier de la commission/);
    expect(openPathProblem(`${folder}/../../autre/x.pdf`, context)).toMatch(/ne se trouve pas dans le dossier/);
    expect(openPathProblem(`${folder}-voisin/x.pdf`, context)).toMatch(/ne se trouve pas dans le dossier/);
    // A recorded report must be a Word file.
    expect(openPathProblem(resolve('/x/bilan.pdf'), { ...context, isRecordedReport: () => true })).toMatch(/ne se trouve pas dans le dossier/);
    expect(openPathProblem(join(folder, 'a.pdf'), { ...context, commissionFolder: null })).toMatch(/ne se trouve pas dans le dossier/);
    expect(openPathProblem('relatif/a.pdf', context)).toMatch(/pas valable/);
  });
});
