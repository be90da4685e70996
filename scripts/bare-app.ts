/**
 * Builds the bare Taro app of scripts/bare-app/ (one page, `taro init`'s React + TypeScript template) with the
 * repository's own node_modules into dist/bare/weapp and dist/bare/h5, so that 红邻's builds are held against it
 * in the same run (`npm run size`, `npm run bench:h5`). Run alone: `npx tsx scripts/bare-app.ts [weapp|h5]`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const bareDist = path.join(root, 'dist', 'bare');

export function buildBareApp(platform: 'weapp' | 'h5'): void {
  console.log(`building the bare Taro app (${platform}) ...`);
  try {
    // Taro draws its progress on stderr: shown only when the build fails.
    execFileSync(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', platform], {
      cwd: path.join(__dirname, 'bare-app'),
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'pipe',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    console.error(`${stdout ?? ''}${stderr ?? ''}`);
    throw error;
  }
}

if (require.main === module) {
  const platforms = process.argv[2] ? [process.argv[2] as 'weapp' | 'h5'] : (['weapp', 'h5'] as const);
  for (const platform of platforms) buildBareApp(platform);
}
