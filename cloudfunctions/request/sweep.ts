import * as z from 'zod';
import { HEAD_ROLE_OF_KIND, type UserRecord } from '@honglin/types/org';
import { REQUEST_CATEGORY_LABELS } from '@honglin/types/request';
import { shanghai } from '@honglin/types/time';
import { system } from '../common/access';
import { command, db } from '../common/cloud';
import { rows } from '../common/db';
import { AppError } from '../common/errors';
import { AUTO_CLOSE_DAYS } from '../common/domain/timeLimits';
import { requestEventBump } from '../common/domain/metrics/bumps';
import { notify } from '../common/notify';
import { defineAction } from '../common/runtime';
import { REQUESTS, type RequestDoc } from './store';
import { moveRequest, tellResident, type Move } from './transitions';
import { COLLECTIONS } from '../common/collections';

/** How many requests one run handles per kind; the next run (10 minutes later) takes the rest. */
const BATCH = 50;
/** The most heads told about one run's escalations. */
const HEADS_LIMIT = 1000;

export interface SweepReport {
  escalated: string[];
  closed: string[];
  /** Moved by someone else between the query and the transaction: left alone. */
  skipped: string[];
}

const headRole = (doc: RequestDoc) => ({ role: HEAD_ROLE_OF_KIND[doc.responsibleKind], unitId: doc.responsibleUnitId });

/** The heads of the units the escalated requests now wait at, in one read, per request: who must take it up. */
async function headsOf(docs: readonly RequestDoc[]): Promise<Map<string, string[]>> {
  if (docs.length === 0) return new Map();
  const heads = await rows<Pick<UserRecord, '_id' | 'roles'>>(
    db
      .collection(COLLECTIONS.users)
      .where(command.or(docs.map((d) => ({ roles: command.elemMatch(headRole(d)) }))))
      .field({ _id: true, roles: true })
      .limit(HEADS_LIMIT),
  );
  return new Map(
    docs.map((d) => {
      const { role, unitId } = headRole(d);
      const ids = heads.filter((h) => h.roles.some((g) => g.role === role && g.unitId === unitId)).map((h) => h._id);
      return [d._id, ids];
    }),
  );
}

async function sweepOne(id: string, now: Date, move: Move): Promise<RequestDoc | null> {
  try {
    const { doc } = await moveRequest(id, 'system', '系统', now, move);
    return doc;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return null;
    throw error;
  }
}

/**
 * The scheduled sweep (timer trigger `sweep`, every 10 minutes): an open request past its accept-by (not yet
 * accepted) or resolve-by (not yet resolved) is passed one level up and the heads there are told; a resolved
 * request nobody rated for 7 days is closed. Each request moves in its own transaction, re-checked inside; the
 * heads of all the units escalated to are found in one read after the moves.
 */
export const sweep = defineAction({
  input: z.object({}),
  access: system,
  async handler(_input, { now }): Promise<SweepReport> {
    const below = { responsibleKind: command.neq('town') };
    // One read finds all three kinds (each served by its own index); their states tell them apart.
    const found = await rows<RequestDoc>(
      db
        .collection(REQUESTS)
        .where(
          command.or([
            { ...below, state: 'submitted', acceptBy: command.lt(now) },
            { ...below, state: command.in(['accepted', 'in_progress']), resolveBy: command.lt(now) },
            {
              state: 'resolved',
              resolvedAt: command.lt(shanghai(now).subtract(AUTO_CLOSE_DAYS, 'day').toDate()),
            },
          ]),
        )
        .limit(3 * BATCH),
    );
    const overdue = found.filter((d) => d.state !== 'resolved');
    const unrated = found.filter((d) => d.state === 'resolved');
    const report: SweepReport = { escalated: [], closed: [], skipped: [] };

    const escalated: RequestDoc[] = [];
    for (const late of overdue) {
      const doc = await sweepOne(late._id, now, {
        event: { type: 'autoEscalate' },
        // Still overdue exactly as found: nobody accepted or resolved it meanwhile.
        allowed: (d) => d.state === late.state && d.level === late.level,
        counters: () => requestEventBump('autoEscalated'),
        note: late.state === 'submitted' ? '超时未签收，自动上报' : '超时未办结，自动上报',
      });
      if (doc) escalated.push(doc);
      else report.skipped.push(late._id);
    }
    const heads = await headsOf(escalated);
    for (const doc of escalated) {
      report.escalated.push(doc._id);
      const step = doc.ladder[doc.level];
      for (const head of heads.get(doc._id) ?? []) {
        await notify(head, 'requestEscalated', `packages/request/detail?id=${doc._id}`, {
          subject: `${REQUEST_CATEGORY_LABELS[doc.category]}：${doc.text}`,
          status: '待签收',
          note: `超时转到${step.name}`,
          time: shanghai(now).format('YYYY-MM-DD HH:mm'),
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
