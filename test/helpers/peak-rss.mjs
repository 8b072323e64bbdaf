// Preloaded (node --import) into a process a test measures: its peak resident memory, worker
// threads included, written last on stderr as the kernel counted it.
//
// On Linux this is the VmHWM of /proc/self/status, the high-water mark of this program's own memory.
// Not getrusage's maxRSS: Linux carries into it, across exec, the resident size of the process that
// forked the child, so a child spawned by a test worker of 300 MB reported 300 MB whatever it used.
import { readFileSync, writeSync } from 'node:fs';

function peakKib() {
  if (process.platform !== 'linux') return process.resourceUsage().maxRSS;
  return Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
}

process.on('exit', () => writeSync(2, `\npeak-rss-kib=${peakKib()}\n`));
