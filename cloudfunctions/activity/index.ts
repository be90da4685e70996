import type { ActivityContract } from '@honglin/types/contract/activity';
import { createMain, type ServerActions } from '../common/runtime';
import { addAttendee, markAbsent } from './attendance';
import { markHeld } from './backfill';
import { checkin, checkinToken, openCheckin } from './checkin';
import { month } from './month';
import { cancel, plan, update } from './plan';
import { get, list } from './read';
import { record } from './record';
import { remindTomorrow } from './remind';

export const actions = {
  plan,
  update,
  cancel,
  list,
  get,
  openCheckin,
  markHeld,
  checkinToken,
  checkin,
  addAttendee,
  markAbsent,
  record,
  month,
  remindTomorrow,
} satisfies ServerActions<ActivityContract>;

export const main = createMain('activity', actions);
