/**
 * Benchmarks the local cloud's database through the real wx-server-sdk (npm run bench:emulator):
 * seeds 100,000 documents into an indexed collection on a temp data folder, then measures the paginated
 * indexed list query (budget: 50 ms median), insert throughput (batched and single) and transactions.
 */
import { startSdkCloud } from '../tests/emulator/helpers/sdk';

const DOCS = 100_000;
const BATCH = 1000;
const UNITS = 50;
const LIST_BUDGET_MS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeEach(n: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const { cloud, db, cleanup } = await startSdkCloud({
    collections: [
      {
        name: 'items',
        indexes: [
          {
            name: 'unit_createdAt',
            keys: [
              { field: 'unitId', direction: 1 },
              { field: 'createdAt', direction: -1 },
            ],
          },
        ],
      },
      { name: 'singles' },
      { name: 'accounts' },
    ],
  });
  const _ = db.command;
  const rows: [string, string, string][] = [];

  try {
    const base = Date.UTC(2026, 0, 1);
    let start = performance.now();
    for (let i = 0; i < DOCS; i += BATCH) {
      const data = Array.from({ length: BATCH }, (_unused, k) => {
        const n = i + k;
        return {
          unitId: `unit-${n % UNITS}`,
          createdAt: new Date(base + n * 1000),
          title: `诉求 ${n}`,
          status: n % 3 ? 'open' : 'closed',
          n,
        };
      });
      await db.collection('items').add({ data });
    }
    const seeded = (performance.now() - start) / 1000;
    rows.push([
      'insert, batches of 1000',
      `${Math.round(DOCS / seeded)} docs/s`,
      `${DOCS} docs in ${seeded.toFixed(1)} s`,
    ]);

    const singles = await timeEach(1000, (i) => db.collection('singles').add({ data: { i, at: db.serverDate() } }));
    const singleTotal = singles.reduce((a, b) => a + b, 0) / 1000;
    rows.push([
      'insert, one per request',
      `${Math.round(1000 / singleTotal)} docs/s`,
      `median ${percentile(singles, 50).toFixed(2)} ms`,
    ]);

    const unit = (i: number): string => `unit-${(i * 7) % UNITS}`;
    const pages = await timeEach(300, (i) =>
      db
        .collection('items')
        .where({ unitId: unit(i) })
        .orderBy('createdAt', 'desc')
        .skip((i % 5) * 20)
        .limit(20)
        .get(),
    );
    const listMedian = percentile(pages, 50);
    rows.push([
      'list page (unit =, createdAt desc, skip, limit 20)',
      `median ${listMedian.toFixed(2)} ms`,
      `p95 ${percentile(pages, 95).toFixed(2)} ms (budget ${LIST_BUDGET_MS} ms median)`,
    ]);

    const cursors = await timeEach(300, (i) =>
      db
        .collection('items')
        .where({ unitId: unit(i), status: 'open', createdAt: _.lt(new Date(base + (DOCS - i * 97) * 1000)) })
        .orderBy('createdAt', 'desc')
        .limit(20)
        .get(),
    );
    rows.push([
      'list page by cursor (+ createdAt <, status =)',
      `median ${percentile(cursors, 50).toFixed(2)} ms`,
      `p95 ${percentile(cursors, 95).toFixed(2)} ms`,
    ]);

    const counts = await timeEach(50, (i) =>
      db
        .collection('items')
        .where({ unitId: unit(i) })
        .count(),
    );
    rows.push([
      'count (unit =, 2,000 matches)',
      `median ${percentile(counts, 50).toFixed(2)} ms`,
      `p95 ${percentile(counts, 95).toFixed(2)} ms`,
    ]);

    await db
      .collection('accounts')
      .add({ data: Array.from({ length: 100 }, (_unused, i) => ({ _id: `acc-${i}`, balance: 0 })) });
    start = performance.now();
    const TX = 500;
    for (let i = 0; i < TX; i++) {
      await db.runTransaction(async (tx) => {
        const from = (
          await tx
            .collection('accounts')
            .doc(`acc-${i % 100}`)
            .get()
        ).data as { balance: number };
        await tx
          .collection('accounts')
          .doc(`acc-${i % 100}`)
          .update({ data: { balance: from.balance - 1 } });
        await tx
          .collection('accounts')
          .doc(`acc-${(i + 1) % 100}`)
          .update({ data: { balance: _.inc(1) } });
      });
    }
    const txSeconds = (performance.now() - start) / 1000;
    rows.push([
      'transactions (read + 2 updates, sequential)',
      `${Math.round(TX / txSeconds)} tx/s`,
      `${TX} in ${txSeconds.toFixed(1)} s`,
    ]);

    const width = [0, 1, 2].map((k) => Math.max(...rows.map((r) => r[k].length)));
    process.stdout.write(`local cloud database, ${DOCS.toLocaleString('en')} documents, through wx-server-sdk\n`);
    for (const r of rows) process.stdout.write(`${r.map((cell, k) => cell.padEnd(width[k])).join('  |  ')}\n`);
    process.stdout.write(`database round-trips: ${cloud.db.roundTrips}\n`);
    if (listMedian > LIST_BUDGET_MS) {
      process.stdout.write(`OVER BUDGET: list page median ${listMedian.toFixed(2)} ms > ${LIST_BUDGET_MS} ms\n`);
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
