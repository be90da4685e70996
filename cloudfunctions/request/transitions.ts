import {
  assignRequestInputSchema,
  rateRequestInputSchema,
  reasonInputSchema,
  requestRefSchema,
  resolveRequestInputSchema,
  REQUEST_CATEGORY_LABELS,
  type RequestState,
  type RequestView,
} from '@honglin/types/request';
import { HANDLING_ROLES, type RoleGrant, type RoleName } from '@honglin/types/org';
import { shanghai } from '@honglin/types/time';
import { anyone, roles } from '../common/access';
import { inTransaction } from '../common/db';
import { checkText, SCENE } from '../common/content';
import { requestEventBump, requestFirstResolved, type CounterBump } from '../common/domain/metrics/bumps';
import { transition, type RequestEvent, type RequestSnapshot } from '../common/domain/request';
import type { Refusal } from '../common/domain/transition';
import { dueTimes } from '../common/domain/timeLimits';
import { forbidden, invalidArgument } from '../common/errors';
import { moveRecord, refusalError, type RecordKind } from '../common/moves';
import { notify } from '../common/notify';
import { defineAction, type ActionContext } from '../common/runtime';
import { timeLimits } from '../common/newRequest';
import {
  actingGrant,
  actorLabel,
  assignScope,
  isAdminInScope,
  isResponsibleHead,
  loadRequest,
  rater,
  REQUESTS,
  requestScope,
  responsibleAt,
  snapshotOf,
  tookPart,
  viewerOf,
  type RequestDoc,
} from './store';
import { checkPhotos } from './submit';
import { withPending } from '../common/pendingPhotos';
import { toView } from './view';

/** Who may ever act on a request; each action then checks the exact level, handler or assignee. */
const ACTORS: readonly RoleName[] = [...HANDLING_ROLES, 'member'];

const REQUEST: RecordKind<RequestDoc> = {
  subject: 'request',
  collection: REQUESTS,
  missing: 'request.missing',
  stateOf: (d) => d.state,
  // The machine may change most of it (level, people, due times): the request is rewritten whole.
  write: 'replace',
};

export interface Move {
  event: RequestEvent;
  /** Re-checked on the document read inside the transaction: the caller may act on it as it is now. */
  allowed(doc: RequestDoc): boolean;
  /** Fields to set besides the machine's own. */
  patch?(doc: RequestDoc, next: RequestDoc): Partial<RequestDoc>;
  /** What the move adds to the statistics counters (and distinct markers), if anything. */
  counters?(doc: RequestDoc, next: RequestDoc): CounterBump | null;
  note?: string;
  /** The timeline's name for it when not the machine's own (a rating recorded on the resident's behalf). */
  timelineEvent?: string;
  /** What a caller who may not act on it gets; by default it moved out of their hands meanwhile. */
  refusal?: Refusal;
}

/** The document after the machine's move: responsible unit, people and due times follow the new snapshot. */
function nextDoc(doc: RequestDoc, s: RequestSnapshot, move: Move, actor: string, now: Date): RequestDoc {
  let next: RequestDoc = {
    ...doc,
    state: s.state,
    handlerId: s.handlerId,
    assigneeId: s.assigneeId,
    cameFrom: s.cameFrom,
    handlerName: s.handlerId === null ? null : doc.handlerName,
    assigneeName: s.assigneeId === null ? null : doc.assigneeName,
    updatedAt: now,
  };
  if (s.level !== doc.level) {
    // Arriving at another level starts its clocks there.
    next = { ...next, ...responsibleAt(doc.ladder, s.level), ...dueTimes(doc.category, doc.urgent, now, timeLimits) };
  }
  next = { ...next, ...(move.patch?.(doc, next) ?? {}) };
  // Whoever moves it (but the resident rating it) is one of its handlers from now on: they never rate it.
  return move.event.type === 'rate' || (next.handledBy ?? []).includes(actor)
    ? next
    : { ...next, handledBy: [...(next.handledBy ?? []), actor] };
}

/**
 * Moves one request in its own transaction through the move engine (common/moves.ts): read it again, check the
 * caller may act on it as it is now, apply the machine, write it with its timeline entry and counters. A
 * concurrent move makes this one CONFLICT.
 */
export async function moveRequest(id: string, actor: string, actorName: string, now: Date, move: Move) {
  const { before, after, event } = await inTransaction((tx) =>
    moveRecord(tx, REQUEST, {
      id,
      actor,
      actorName,
      now,
      // Someone else took it meanwhile, or it moved to another level.
      refuse: (d) => (move.allowed(d) ? null : (move.refusal ?? 'request.movedOn')),
      decide: (d) => transition(snapshotOf(d), move.event),
      changes: (d, s) => nextDoc(d, s, move, actor, now),
      timelineEvent: move.timelineEvent,
      note: move.note,
      counters: (d, next) => {
        const bump = move.counters?.(d, next);
        return bump ? [{ bump }] : [];
      },
    }),
  );
  return { before, doc: after, event };
}

type Ctx = ActionContext<RequestDoc>;

async function act(ctx: Ctx, move: Move): Promise<{ doc: RequestDoc; view: RequestView }> {
  const label = actorLabel(ctx.caller, actingGrant(ctx.resource, ctx.caller?.roles ?? []));
  const { doc } = await moveRequest(ctx.resource._id, ctx.openid, label, ctx.now, move);
  return { doc, view: toView(doc, viewerOf(ctx.openid, ctx.caller), ctx.now) };
}

/** Refuses before the transaction when the caller could not act on the request even as it was read. */
function allowOnly(ok: boolean): void {
  if (!ok) throw forbidden();
}

const leads = (doc: RequestDoc, openid: string, grants: readonly RoleGrant[]) =>
  openid === doc.handlerId || isAdminInScope(doc, grants) || isResponsibleHead(doc, grants);

/** A request's state in a subscribe message's status (a `phrase`: at most five characters, no punctuation). */
const MESSAGE_STATUS: Record<RequestState, string> = {
  submitted: '待签收',
  accepted: '已签收',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已完成',
};

/** Subscribe message to the resident about their request (never fails the action). */
export async function tellResident(
  doc: RequestDoc,
  template: 'requestAccepted' | 'requestResolved' | 'requestEscalated',
  note: string,
  at: Date,
) {
  const to = doc.submitter;
  if (!to) return;
  await notify(to, template, `packages/request/detail?id=${doc._id}`, {
    subject: `${REQUEST_CATEGORY_LABELS[doc.category]}：${doc.text}`,
    status: MESSAGE_STATUS[doc.state],
    note,
    time: shanghai(at).format('YYYY-MM-DD HH:mm'),
  });
}

/** 签收: a head of the responsible unit (or an admin above it) takes the request up and is named its handler. */
export const accept = defineAction({
  input: requestRefSchema,
  access: roles(HANDLING_ROLES, requestScope),
  async handler(_input, ctx): Promise<RequestView> {
    const roleList = ctx.caller?.roles ?? [];
    allowOnly(isResponsibleHead(ctx.resource, roleList));
    const name = actorLabel(ctx.caller, actingGrant(ctx.resource, roleList));
    const onTime = (before: { acceptBy: Date }) => (ctx.now.getTime() <= new Date(before.acceptBy).getTime() ? 1 : 0);
    const { doc, view } = await act(ctx, {
      event: { type: 'accept', actor: ctx.openid },
      allowed: (d) => isResponsibleHead(d, roleList),
      patch: (d) => ({
        handlerName: name,
        acceptedAt: ctx.now,
        // The first 签收 (at any level) stays: the on-time rate is over requests.
        firstAcceptedAt: d.firstAcceptedAt ?? (d.acceptedAt ? d.acceptedAt : ctx.now),
      }),
      counters: (before) => ({
        deltas: {
          'request.accepted': 1,
          'request.acceptedOnTime': onTime(before),
          // The request's first 签收 at any level: the on-time rate over requests.
          'request.firstAccepted': before.acceptedAt || before.firstAcceptedAt ? 0 : 1,
          'request.firstAcceptedOnTime': before.acceptedAt || before.firstAcceptedAt ? 0 : onTime(before),
        },
        distinct: {},
      }),
    });
    await tellResident(doc, 'requestAccepted', `${name}已签收`, ctx.now);
    return view;
  },
});

/** 分派: to a party member who then handles it, or 派给下级 down the request's own ladder. */
export const assign = defineAction({
  input: assignRequestInputSchema,
  access: roles(HANDLING_ROLES, assignScope),
  async handler(input, ctx): Promise<RequestView> {
    const roleList = ctx.caller?.roles ?? [];
    allowOnly(leads(ctx.resource, ctx.openid, roleList));
    if (input.unitId) {
      const toLevel = ctx.resource.unitPath.indexOf(input.unitId);
      if (toLevel < 0) throw invalidArgument('只能派给这条诉求所在的下级单位');
      const { view } = await act(ctx, {
        event: { type: 'dispatch', toLevel },
        allowed: (d) => leads(d, ctx.openid, roleList),
        note: `派给${ctx.resource.ladder[toLevel].name}`,
      });
      return view;
    }
    const member = ctx.resource.assigneeCandidates.find((u) => u._id === input.assigneeId);
    const isMember = member?.roles?.some((g) => g.role === 'member' && ctx.resource.unitPath.includes(g.unitId));
    if (!member || !isMember || member.deletedAt) throw invalidArgument('请选择本村的党员');
    const { view } = await act(ctx, {
      event: { type: 'assign', assigneeId: member._id },
      allowed: (d) => leads(d, ctx.openid, roleList),
      // The member takes part in handling it from now on (and so never rates it).
      patch: (before) => ({
        assigneeName: `党员 ${member.nickname}`,
        handledBy: [...new Set([...(before.handledBy ?? []), member._id])],
      }),
      note: `分派给党员 ${member.nickname}`,
    });
    return view;
  },
});

/** 上报: the handler passes it one level up with a reason; it waits there to be accepted. */
export const escalate = defineAction({
  input: reasonInputSchema,
  access: roles(HANDLING_ROLES, requestScope),
  async handler(input, ctx): Promise<RequestView> {
    const roleList = ctx.caller?.roles ?? [];
    allowOnly(leads(ctx.resource, ctx.openid, roleList));
    await checkText(ctx.openid, SCENE.post, [input.reason]);
    const { doc, view } = await act(ctx, {
      event: { type: 'escalate' },
      allowed: (d) => leads(d, ctx.openid, roleList),
      counters: () => requestEventBump('escalated'),
      note: input.reason,
    });
    await tellResident(doc, 'requestEscalated', `已上报${doc.ladder[doc.level].name}`, ctx.now);
    return view;
  },
});

/** 退回: to the level that passed it here, or (by the assigned member) to the head who assigned it. */
export const handBack = defineAction({
  input: reasonInputSchema,
  access: roles(ACTORS, requestScope),
  async handler(input, ctx): Promise<RequestView> {
    const roleList = ctx.caller?.roles ?? [];
    const may = (d: RequestDoc) => ctx.openid === d.assigneeId || isResponsibleHead(d, roleList);
    allowOnly(may(ctx.resource));
    await checkText(ctx.openid, SCENE.post, [input.reason]);
    const { view } = await act(ctx, {
      event: { type: 'handBack', actor: ctx.openid },
      allowed: may,
      note: input.reason,
    });
    return view;
  },
});

/** 办结: what was done (and photos); the resident is asked to rate it. */
export const resolve = defineAction({
  input: resolveRequestInputSchema,
  access: roles(ACTORS, requestScope),
  async handler(input, ctx): Promise<RequestView> {
    const roleList = ctx.caller?.roles ?? [];
    const may = (d: RequestDoc) => leads(d, ctx.openid, roleList) || ctx.openid === d.assigneeId;
    allowOnly(may(ctx.resource));
    await checkText(ctx.openid, SCENE.post, [input.result]);
    const { doc, view } = await act(ctx, {
      event: { type: 'resolve' },
      allowed: may,
      patch: (before) => ({
        result: input.result,
        resultPhotos: input.photos,
        pendingPhotos: withPending(before.pendingPhotos, input.photos),
        resolvedAt: ctx.now,
        firstResolvedAt: before.firstResolvedAt ?? ctx.now,
      }),
      // A request counts as resolved once, in the month it was first resolved, at the level resolving it.
      counters: (before) => (before.firstResolvedAt ? null : requestFirstResolved(before, ctx.now)),
    });
    await checkPhotos(ctx.openid, doc._id, 'resultPhotos', input.photos);
    await tellResident(doc, 'requestResolved', input.result, ctx.now);
    return view;
  },
});

/**
 * 评价: the resident rates the result; 不满意 reopens it. A resident without the app is asked by an admin who took
 * no part in handling it (回访), who records the answer on their behalf: stored and counted as such.
 */
export const rate = defineAction({
  input: rateRequestInputSchema,
  access: anyone,
  async handler(input, ctx): Promise<RequestView> {
    const viewer = viewerOf(ctx.openid, ctx.caller);
    await checkText(ctx.openid, SCENE.comment, [input.comment]);
    const seen = await loadRequest(input.id);
    const refusal: Refusal = tookPart(seen, ctx.openid) ? 'request.rateOwnWork' : 'request.notRater';
    if (!rater(seen, viewer)) throw refusalError(refusal);
    const onBehalf = rater(seen, viewer) === 'onBehalf';
    const rated = `${input.rating === 'unsatisfied' ? 'reopened' : 'closed'}${onBehalf ? 'OnBehalf' : ''}` as const;
    const { doc, event } = await moveRequest(
      input.id,
      ctx.openid,
      onBehalf ? actorLabel(ctx.caller, actingGrant(seen, viewer.roles)) : actorLabel(ctx.caller, undefined),
      ctx.now,
      {
        event: { type: 'rate', rating: input.rating },
        allowed: (d) => rater(d, viewer) === (onBehalf ? 'onBehalf' : 'resident'),
        patch: (before, next) => ({
          rating: {
            value: input.rating,
            ...(input.comment ? { comment: input.comment } : {}),
            at: ctx.now,
            ...(onBehalf ? { onBehalf: true, recordedBy: ctx.openid } : {}),
          },
          ...(next.state === 'closed'
            ? { closedAt: ctx.now }
            : { resolveBy: dueTimes(before.category, before.urgent, ctx.now, timeLimits).resolveBy }),
        }),
        // Ratings recorded on a resident's behalf are counted apart, never in the residents' own satisfaction.
        counters: () => requestEventBump(rated),
        ...(onBehalf ? { timelineEvent: rated } : {}),
        note: input.comment,
        refusal,
      },
    );
    if (event === 'reopened' && doc.handlerId) {
      await notify(doc.handlerId, 'requestEscalated', `packages/request/detail?id=${doc._id}`, {
        subject: `${REQUEST_CATEGORY_LABELS[doc.category]}：${doc.text}`,
        status: '重新办理',
        note: input.comment ?? '群众评价不满意',
        time: shanghai(ctx.now).format('YYYY-MM-DD HH:mm'),
      });
    }
    return toView(doc, viewer, ctx.now);
  },
});
