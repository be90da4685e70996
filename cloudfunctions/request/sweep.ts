import * as z from 'zod';
import { HEAD_ROLE_OF_KIND, type UserRecord } from '@honglin/types/org';
import { REQUEST_CATEGORY_LABELS } from '@honglin/types/request';
import { shanghai } from '@honglin/types/time';
import { system } from '../common/access';
import { command, db } from '../common/cloud';
import { inTransaction, rows } from '../common/db';
import { AppError } from '../common/errors';
import { AUTO_CLOSE_DAYS } from '../common/domain/timeLimits';
import { notify } from '../common/notify';
import { defineAction } from '../common/runtime';
import { REQUESTS, type RequestDoc } from './store';
import { moveRequest, tellResident, type Move } from './transitions';

/** How many requests one run handles per kind; the next run (10 minutes later) takes the rest. */
const BATCH = 50;

export interface SweepReport {
  escalated: string[];
  closed: string[];
  /** Moved by someone else between the query and the transaction: left alone. */
  skipped: string[];
}

/** The heads (or admins) of a unit, who must now take the request up. */
async function headsOf(doc: RequestDoc): Promise<string[]> {
  const role = HEAD_ROLE_OF_KIND[doc.responsibleKind];
  const heads = await rows<Pick<UserRecord, '_id'>>(
    db
      .collection('users')
      .where({ roles: command.elemMatch({ role, unitId: doc.responsibleUnitId }) })
      .field({ _id: true })
      .limit(20),
  );
  return heads.map((h) => h._id);
}

async function sweepOne(id: string, now: Date, move: Move): Promise<RequestDoc | null> {
  try {
    const { doc } = await inTransaction((tx) => moveRequest(tx, id, 'system', '系统', now, move));
    return doc;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return null;
    throw error;
  }
}

/**
 * The scheduled sweep (timer trigger `sweep`, every 10 minutes): an open request past its accept-by (not yet
 * accepted) or resolve-by (not yet resolved) is passed one level up and the heads there are told; a resolved
 * request nobody rated for 7 days is closed. Each request moves in its own transaction, re-checked inside.
 */
export const sweep = defineAction({
  input: z.object({}),
  access: system,
  async handler(_input, { now }): Promise<SweepReport> {
    const requests = db.collection(REQUESTS);
    const below = { responsibleKind: command.neq('town') };
    const [unaccepted, unresolved, unrated] = await Promise.all([
      rows<RequestDoc>(requests.where({ ...below, state: 'submitted', acceptBy: command.lt(now) }).limit(BATCH)),
      rows<RequestDoc>(
        requests
          .where({ ...below, state: command.in(['accepted', 'in_progress']), resolveBy: command.lt(now) })
          .limit(BATCH),
      ),
      rows<RequestDoc>(
        requests
          .where({ state: 'resolved', resolvedAt: command.lt(shanghai(now).subtract(AUTO_CLOSE_DAYS, 'day').toDate()) })
          .limit(BATCH),
      ),
    ]);
    const report: SweepReport = { escalated: [], closed: [], skipped: [] };

    for (const overdue of [...unaccepted, ...unresolved]) {
      const doc = await sweepOne(overdue._id, now, {
        event: { type: 'autoEscalate' },
        // Still overdue exactly as found: nobody accepted or resolved it meanwhile.
        allowed: (d) => d.state === overdue.state && d.level === overdue.level,
        counters: () => ({ deltas: { 'request.escalated': 1 }, distinct: {} }),
        note: overdue.state === 'submitted' ? '超时未签收，自动上报' : '超时未办结，自动上报',
      });
      if (!doc) {
        report.skipped.push(overdue._id);
        continue;
      }
      report.escalated.push(doc._id);
      const step = doc.ladder[doc.level];
      for (const head of await headsOf(doc)) {
        await notify(head, 'requestEscalated', `packages/request/detail?id=${doc._id}`, {
          thing1: { value: `${REQUEST_CATEGORY_LABELS[doc.category]}：${doc.text}`.slice(0, 20) },
          phrase2: { value: '待签收' },
          thing3: { value: `超时转到${step.name}`.slice(0, 20) },
          time4: { value: shanghai(now).format('YYYY-MM-DD HH:mm') },
        });
      }
      await tellResident(doc, 'requestEscalated', `已转到${step.name}办理`, now);
    }

    for (const resolved of unrated) {
      const doc = await sweepOne(resolved._id, now, {
        event: { type: 'autoClose' },
        allowed: (d) => d.state === 'resolved',
        patch: () => ({ closedAt: now }),
        note: `办结${AUTO_CLOSE_DAYS}天未评价，自动完成`,
      });
      if (doc) report.closed.push(doc._id);
      else report.skipped.push(resolved._id);
    }
    return report;
  },
});
