// Preloaded (node --require) into a process a test measures: its peak resident memory, worker
// threads included, written last on stderr as the kernel counted it.
process.on('exit', () => require('node:fs').writeSync(2, `\npeak-rss-kib=${process.resourceUsage().maxRSS}\n`));
