import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time of any file under the paths (0 when none exist). */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string): void => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      if (path.basename(p) === 'node_modules') return;
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  paths.forEach(visit);
  return newest;
}

/** True when the build output is absent or older than its sources (a cheap mtime check, no hashing). */
export function isStale(output: string, sources: string[]): boolean {
  if (!fs.existsSync(output)) return true;
  return newestMtime(sources) > newestMtime([output]);
}
