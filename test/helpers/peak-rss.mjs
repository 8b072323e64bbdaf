// Preloaded (node --import) into a process a test measures: its peak resident memory, worker
// threads included, written last on stderr as the kernel counted it.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\npeak-rss-kib=${process.resourceUsage().maxRSS}\n`));
