/**
 * Run by the release workflow (.github/workflows/release.yml) on Windows, as the non-administrator
 * user who installed Maillage: starts the installed app, opens the demonstration commission and
 * writes a bilan through the native save dialog, as a secretary would. Exit code 1 when a step fails.
 *
 * The installed app cannot be driven through Node's inspector, which playwright-core's
 * `_electron.launch` needs: its EnableNodeCliInspectArguments fuse is off, by design. It is started
 * with Chromium's DevTools port instead, and playwright-core connects to the window's page over it.
 * The save dialog is a Windows one, outside the page: it is accepted with Enter (its proposed name in
 * Documents) through WScript.Shell, as a user would.
 *
 * Plain JavaScript, with nothing but playwright-core beside it: the workflow copies both where that
 * user can read them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers/promises';
import { chromium } from 'playwright-core';

const PORT = 9333;
// From the account, not the environment: a process started with other credentials may inherit its parent's.
const home = userInfo().homedir;
const env = { ...process.env, USERPROFILE: home, APPDATA: join(home, 'AppData', 'Roaming'), LOCALAPPDATA: join(home, 'AppData', 'Local') };
const executable = join(env.LOCALAPPDATA, 'Programs', 'Maillage', 'Maillage.exe');
const documents = join(home, 'Documents');
const commission = join(env.APPDATA, 'Maillage', 'commissions', 'demonstration.maillage');

function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(1);
}

async function connect() {
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${PORT}`, { timeout: 5_000 });
    } catch {
      await setTimeout(1_000);
    }
  }
  return fail(`Maillage n’a pas ouvert de fenêtre en une minute (${executable}).`);
}

/** Presses Enter in the save dialog once it is there: it proposes Documents\<bilan…>.docx. */
function acceptSaveDialog(title) {
  const script = `$shell = New-Object -ComObject WScript.Shell
for ($i = 0; $i -lt 60; $i++) { if ($shell.AppActivate('${title}')) { Start-Sleep -Milliseconds 500; $shell.SendKeys('{ENTER}'); exit 0 }; Start-Sleep -Seconds 1 }
exit 1`;
  return spawnSync('powershell.exe', ['-NoProfile', '-Command', script], { encoding: 'utf8', timeout: 90_000, env });
}

if (!existsSync(executable)) fail(`Maillage n’est pas installé pour cet utilisateur : ${executable} est absent.`);
const app = spawn(executable, [`--remote-debugging-port=${PORT}`], { stdio: 'ignore', env, cwd: home });
try {
  const browser = await connect();
  const context = browser.contexts()[0] ?? fail('Aucun contexte de navigation dans Maillage.');
  const page = context.pages()[0] ?? (await context.waitForEvent('page', { timeout: 60_000 }));
  if (!page.url().startsWith('app://maillage/')) fail(`La fenêtre montre ${page.url()}, pas app://maillage/.`);
  console.log(`✔ Maillage ${executable} est ouvert sur ${page.url()}`);

  await page.getByRole('button', { name: 'Explorer une commission de démonstration' }).click();
  await page.getByRole('link', { name: 'Rapports' }).click({ timeout: 120_000 });
  if (!existsSync(commission)) fail(`La commission de démonstration manque : ${commission}`);
  console.log(`✔ Démonstration ouverte : ${commission}`);

  const before = new Set(readdirSync(documents));
  const generate = page.getByRole('button', { name: 'Générer le rapport…' }).click();
  const dialog = acceptSaveDialog('Enregistrer le bilan');
  await generate;
  if (dialog.status !== 0) fail(`La fenêtre d’enregistrement n’est pas apparue : ${dialog.stderr}`);
  // Written, then handed to Word: on a machine without Word the opening may fail, the file stays.
  await page.getByText(/Rapport enregistré|n’a pas pu être ouvert/).first().waitFor({ timeout: 120_000 });
  const written = readdirSync(documents).filter((name) => !before.has(name) && name.endsWith('.docx'));
  if (written.length === 0) fail(`Aucun bilan écrit dans ${documents}.`);
  const bilan = join(documents, written[0]);
  if (readFileSync(bilan).subarray(0, 2).toString('latin1') !== 'PK') fail(`${bilan} n’est pas un document Word.`);
  console.log(`✔ Bilan écrit : ${bilan}`);
  await browser.close();
} finally {
  app.kill();
}
