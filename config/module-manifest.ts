import fs from 'node:fs';
import path from 'node:path';
import type { Compiler, Module } from 'webpack';

/** One emitted chunk: its files and the source modules bundled into it (paths relative to the repository). */
export interface ManifestChunk {
  files: string[];
  modules: { path: string; bytes: number }[];
}

/** A set of chunks loaded together: the app's entry, or a page loaded on demand (H5), named by what it loads. */
export interface ManifestGroup {
  requests: string[];
  files: string[];
}

/**
 * Writes `<output>.modules.json` beside the build output (dist/h5.modules.json, dist/weapp.modules.json): which
 * source module went into which chunk. `npm run size` reads it to fail on a module copied into more than one chunk
 * and to say what makes a chunk big; minified output no longer says. Kept outside the output, which is served.
 */
export class ModuleManifestPlugin {
  constructor(private readonly root: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('ModuleManifestPlugin', (stats) => {
      const { compilation } = stats;
      const chunks: ManifestChunk[] = [];
      for (const chunk of compilation.chunks) {
        const modules: ManifestChunk['modules'] = [];
        for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
          for (const inner of sourceModules(module)) {
            const resource = (inner as { resource?: string }).resource;
            if (resource) modules.push({ path: path.relative(this.root, resource), bytes: inner.size() });
          }
        }
        chunks.push({ files: [...chunk.files].sort(), modules: modules.sort((a, b) => a.path.localeCompare(b.path)) });
      }
      const groups: ManifestGroup[] = [...compilation.chunkGroups].map((group) => ({
        requests: [...new Set(group.origins.map((o) => o.request).filter((r): r is string => Boolean(r)))],
        files: group.chunks.flatMap((chunk) => [...chunk.files]),
      }));
      const output = compilation.outputOptions.path ?? '';
      fs.writeFileSync(`${output.replace(/[\\/]+$/, '')}.modules.json`, JSON.stringify({ chunks, groups }, null, 1));
    });
  }
}

/** A module concatenated by scope hoisting stands for the modules inside it. */
function sourceModules(module: Module): Module[] {
  const inner = (module as { modules?: Iterable<Module> }).modules;
  return inner ? [...inner] : [module];
}
