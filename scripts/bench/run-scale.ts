/**
 * One scale of `npm run bench` (a child process, so each scale has its own local cloud and SDK):
 *   tsx scripts/bench/run-scale.ts <scale> <functionsDir> [only]
 * Seeds the county at that scale on a temp data folder, then times each action through the real function
 * invocation and prints one JSON line: the dataset's size and, per measurement, round-trips, median and p95.
 * `only` (comma-separated) keeps the measurements whose name contains one of its parts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monthOf, shanghai } from '@honglin/types/time';
import { sdkEnvironment, startLocalCloud } from '../../emulator/start';
import { fireTimer } from '../../emulator/functions/timer';
import { markerId, markerKey, sightingsId } from '../../cloudfunctions/common/domain/metrics/counterKeys';
import { seedCounty, type SeedDb } from './dataset';

export interface Measurement {
  name: string;
  runs: number;
  trips: number;
  median: number;
  p95: number;
  /** Why a run failed (the measurement stops there). */
  failed?: string;
}

export interface ScaleResult {
  scale: number;
  seedSeconds: number;
  counts: Record<string, number>;
  /** The reference village's records (the same at every scale). */
  referenceCounts: Record<string, number>;
  measurements: Measurement[];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const scale = Number(process.argv[2]);
  const functionsDir = process.argv[3];
  const only = (process.argv[4] ?? '').split(',').filter(Boolean);
  const selected = (name: string) => only.length === 0 || only.some((part) => name.includes(part));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-bench-'));
  const cloud = await startLocalCloud({ dataDir, functionsDir, messagePush: null });
  try {
    Object.assign(process.env, sdkEnvironment(cloud));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
    const db = sdk.database() as unknown as SeedDb;
    const now = new Date();
    const started = performance.now();
    const county = await seedCounty(db, scale, now);
    const seedSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`scale ${scale}: seeded in ${seedSeconds.toFixed(0)} s, measuring\n`);

    const thisMonth = monthOf(now);
    const yearAgo = shanghai(now).subtract(11, 'month').format('YYYY-MM');
    const lastMonth = shanghai(now).subtract(1, 'month').format('YYYY-MM');
    const ok = (outcome: Awaited<ReturnType<typeof fireTimer>>) => {
      if (!outcome?.ok) throw new Error(`timer failed: ${JSON.stringify(outcome)}`);
    };
    const call = async (fn: string, data: Record<string, unknown>, openid: string) => {
      const outcome = await cloud.invoke(fn, data, { openid });
      if (!outcome.ok) throw new Error(`${fn}.${String(data.action)} failed: ${JSON.stringify(outcome)}`);
      const answer = JSON.parse(outcome.responseData) as { ok: boolean; error?: unknown };
      if (!answer.ok) throw new Error(`${fn}.${String(data.action)} answered ${JSON.stringify(answer.error)}`);
    };
    // BENCH_TRACE=1: every database request of a measurement's last run, with its time in the local cloud and the
    // documents it answered, on stderr (which query grows with the county).
    const trace: string[] = [];
    if (process.env.BENCH_TRACE) {
      const handle = cloud.db.handle.bind(cloud.db);
      cloud.db.handle = async (body) => {
        const t = performance.now();
        const answer = await handle(body);
        const data = (answer as { data?: { list?: unknown[]; total?: number } }).data;
        const what = JSON.stringify(body.query ?? body.stages ?? '').slice(0, 160);
        trace.push(
          `    ${(performance.now() - t).toFixed(1)} ms ${String(body.action)} ${String(body.collectionName)} ` +
            `→ ${data?.list?.length ?? data?.total ?? '-'}: ${what}`,
        );
        return answer;
      };
    }
    /** Times `run` (after an untimed `prepare`, when given); nothing when the measurement is not selected. */
    const measure = async (
      name: string,
      runs: number,
      run: (i: number) => Promise<void>,
      prepare?: (i: number) => Promise<void>,
    ): Promise<Measurement | undefined> => {
      if (!selected(name)) return undefined;
      const times: number[] = [];
      let trips = 0;
      for (let i = 0; i < runs; i += 1) {
        await prepare?.(i);
        trace.length = 0;
        const before = cloud.db.roundTrips;
        const t = performance.now();
        try {
          await run(i);
        } catch (error) {
          process.stderr.write(`  ${name}: run ${i + 1} failed: ${(error as Error).message}\n`);
          return { name, runs: i, trips, median: NaN, p95: NaN, failed: (error as Error).message.slice(0, 120) };
        }
        times.push(performance.now() - t);
        trips = Math.max(trips, cloud.db.roundTrips - before);
      }
      times.sort((a, b) => a - b);
      if (trace.length > 0) process.stderr.write(`  ${name}: the last run's database requests\n${trace.join('\n')}\n`);
      process.stderr.write(`  ${name}: median ${percentile(times, 50).toFixed(0)} ms\n`);
      return { name, runs, trips, median: percentile(times, 50), p95: percentile(times, 95) };
    };
    const town = (i: number) => county.towns[i % county.towns.length];
    const village = (i: number) => county.villages[(i * 7) % county.villages.length];
    const year = { kind: 'range', from: yearAgo, to: thisMonth };
    // Export and reconciliation ask how one village's action grows with the county around it: they measure the
    // reference village, whose records are the same at every scale. The other rows keep the county's villages.

    const measurements: Array<Measurement | undefined> = [];
    measurements.push(
      await measure('stats.dashboard: town, this month', 30, (i) =>
        call(
          'stats',
          { action: 'dashboard', unitId: town(i), period: { kind: 'month', month: thisMonth } },
          county.townAdmin(town(i)),
        ),
      ),
    );
    measurements.push(
      await measure('stats.dashboard: town, 12 months', 30, (i) =>
        call('stats', { action: 'dashboard', unitId: town(i), period: year }, county.townAdmin(town(i))),
      ),
    );
    measurements.push(
      await measure('stats.dashboard: village, 12 months', 30, (i) =>
        call('stats', { action: 'dashboard', unitId: village(i), period: year }, county.villageAdmin(village(i))),
      ),
    );
    measurements.push(
      await measure('stats.summary: town, 12 months', 10, (i) =>
        call('stats', { action: 'summary', unitId: town(i), period: year }, county.townAdmin(town(i))),
      ),
    );
    measurements.push(
      await measure('stats.export: reference village, last month', 5, () =>
        call(
          'stats',
          { action: 'export', unitId: county.reference, period: { kind: 'month', month: lastMonth } },
          county.villageAdmin(county.reference),
        ),
      ),
    );
    measurements.push(
      await measure('stats.reconcile: reference village, last + this month', 3, () =>
        call(
          'stats',
          { action: 'reconcile', unitId: county.reference, from: lastMonth, to: thisMonth },
          county.villageAdmin(county.reference),
        ),
      ),
    );
    let n = 0;
    measurements.push(
      await measure('request.submit (bumps the counters)', 20, (i) =>
        call(
          'request',
          {
            action: 'submit',
            requestId: `bench${Math.round(scale * 100)}x${(n += 1)}pad`,
            category: 'help',
            text: '村口路灯坏了，晚上走路看不见',
          },
          `resident-${village(i)}`,
        ),
      ),
    );
    // The fold timer: markers as visits leave them (half of each run's households marked in the run before, so
    // half are new and half already seen), written straight in, then one timer run folds them all.
    const MARKERS = 100;
    const foldRun = async (i: number) => {
      const v = village(0);
      const town = county.towns.find((t) => v.startsWith(t)) ?? county.towns[0];
      const markers = Array.from({ length: MARKERS }, (_, k) => {
        const key = markerKey(`bench-household-${v}-${i * (MARKERS / 2) + k}`);
        return {
          _id: markerId(v, thisMonth, 'visit.households', key),
          unitId: v,
          town,
          month: thisMonth,
          name: 'visit.households',
          key,
          sub: '',
          seen: sightingsId(town, 'visit.households', key),
        };
      });
      await db.collection('counters').add({ data: markers });
    };
    const foldName = `stats.fold (timer): ${MARKERS} markers per run`;
    if (selected(foldName)) {
      await foldRun(0);
      ok(await fireTimer(cloud.functions, 'stats', 'fold'));
    }
    measurements.push(
      await measure(
        foldName,
        3,
        async () => ok(await fireTimer(cloud.functions, 'stats', 'fold')),
        (i) => foldRun(i + 1),
      ),
    );
    const result: ScaleResult = {
      scale,
      seedSeconds,
      counts: county.counts,
      referenceCounts: county.referenceCounts,
      measurements: measurements.filter((m) => m !== undefined),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
