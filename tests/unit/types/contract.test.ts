import type { MyAttendance, RosterMember } from '@honglin/types/activity';
import type { Page } from '@honglin/types/common';
import { ACTIVITY_CALLS, type ActivityContract } from '@honglin/types/contract/activity';
import { ORG_CALLS } from '@honglin/types/contract/org';
import { PLEDGE_CALLS, type PledgeContract } from '@honglin/types/contract/pledge';
import { REQUEST_CALLS } from '@honglin/types/contract/request';
import { ROSTER_CALLS } from '@honglin/types/contract/roster';
import { STATS_CALLS } from '@honglin/types/contract/stats';
import { USER_CALLS } from '@honglin/types/contract/user';
import { VIDEO_CALLS } from '@honglin/types/contract/video';
import { VISIT_CALLS } from '@honglin/types/contract/visit';
import type { Envelope } from '@honglin/types/envelope';
import type { PledgeDetail, PledgeSummary, pledgeIdInputSchema, pledgeRateInputSchema } from '@honglin/types/pledge';
import type { ActionDefinition, ServerActions } from '../../../cloudfunctions/common/runtime';
import type { actions as pledgeActions } from '../../../cloudfunctions/pledge/index';
import type { ClientApi } from '../../../src/api/cloudApi';
import { contractActions } from '../../../scripts/api-docs';

/**
 * What the compiler holds each side to (`npm run typecheck` fails on a line below whose expected error goes away),
 * and, at run time, that each contract's list of calls is its interface's calls.
 */

declare const table: typeof pledgeActions;
declare const pledge: ClientApi<PledgeContract>;
declare const activity: ClientApi<ActivityContract>;

export function serverTableChecks() {
  const { list: _list, ...withoutList } = table;
  // @ts-expect-error an action of the contract missing from the table
  void ({ ...withoutList } satisfies ServerActions<PledgeContract>);
  // @ts-expect-error an action in the table that the contract does not name
  void ({ ...table, comment: table.get } satisfies ServerActions<PledgeContract>);
  const wrongOutput = {} as ActionDefinition<typeof pledgeIdInputSchema, undefined, { id: number }>;
  // @ts-expect-error a handler answering other than the contract's output
  void ({ ...table, get: wrongOutput } satisfies ServerActions<PledgeContract>);
  const wrongInput = {} as ActionDefinition<typeof pledgeRateInputSchema, undefined, PledgeDetail>;
  // @ts-expect-error an action validating another input than the contract's
  void ({ ...table, get: wrongInput } satisfies ServerActions<PledgeContract>);
}

export function clientChecks() {
  const detail: Promise<Envelope<PledgeDetail>> = pledge.get({ id: 'p1' });
  // @ts-expect-error the answer is the contract's output, not another
  const claimed: Promise<Envelope<PledgeSummary[]>> = pledge.get({ id: 'p1' });
  // @ts-expect-error the input is the contract's
  void pledge.get({});
  // @ts-expect-error no call for an action the contract does not name
  void pledge.comment;
  const mine: Promise<Envelope<Page<MyAttendance>>> = activity.list({ view: 'mine' });
  const roster: Promise<Envelope<RosterMember[]>> = activity.list({ view: 'roster', id: 'a1' });
  // @ts-expect-error a view's answer is that view's
  const wrongView: Promise<Envelope<RosterMember[]>> = activity.list({ view: 'mine' });
  return [detail, claimed, mine, roster, wrongView];
}

const CALLS: Record<string, object> = {
  activity: ACTIVITY_CALLS,
  org: ORG_CALLS,
  pledge: PLEDGE_CALLS,
  request: REQUEST_CALLS,
  roster: ROSTER_CALLS,
  stats: STATS_CALLS,
  user: USER_CALLS,
  video: VIDEO_CALLS,
  visit: VISIT_CALLS,
};

test.each(Object.keys(CALLS))('%s: the app’s list of calls is the contract’s actions but its triggers', (fn) => {
  const calls = contractActions(fn).filter((a) => a.by === 'call');
  expect(Object.keys(CALLS[fn])).toEqual(calls.map((a) => a.name));
});
