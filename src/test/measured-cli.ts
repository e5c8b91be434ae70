/**
 * Runs the command line (src/cli.ts) with this process's arguments, then prints one last JSON line with the memory it
 * used, for tests that run a command in a child process under a stated heap limit (--max-old-space-size).
 * The heap is sampled every 10 ms; the limit itself is enforced by V8, which ends the process past it.
 */
import v8 from 'node:v8';
import { runCli } from '../cli.ts';

let peakHeap = 0;
let peakArrayBuffers = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, v8.getHeapStatistics().used_heap_size);
  peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers);
};
const timer = setInterval(sample, 10);
timer.unref();
const exitCode = await runCli(process.argv.slice(2));
sample();
console.log(
  JSON.stringify({ exitCode, peakHeap, peakArrayBuffers, heapLimit: v8.getHeapStatistics().heap_size_limit, maxRss: process.resourceUsage().maxRSS * 1024 }),
);
process.exitCode = exitCode;
