/** `npm run cli -- …`: the CLI built to JavaScript, rebuilt first when a source changed since. */
import { pathToFileURL } from 'node:url';
import { buildCli, CLI_BUNDLE, cliIsStale } from './build-cli.mjs';

if (cliIsStale()) await buildCli();
await import(pathToFileURL(CLI_BUNDLE).href);
