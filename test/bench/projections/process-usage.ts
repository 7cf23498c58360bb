/** What the measurements share: this process's CPU time, and a full garbage collection on demand. */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** CPU seconds (user + system) of this process since `start`. */
export const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

/** A full GC before each set of queries, so the generator's garbage is not collected during them. */
v8.setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;
