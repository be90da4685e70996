import type { PledgeContract } from '@honglin/types/contract/pledge';
import { createMain, type ServerActions } from '../common/runtime';
import { appraise, review } from './branch';
import { create } from './create';
import { addFulfilment, complete } from './fulfil';
import { get } from './get';
import { list } from './list';
import { submit, update, withdraw } from './owner';
import { rate } from './rate';

export const actions = {
  create,
  update,
  submit,
  withdraw,
  review,
  addFulfilment,
  complete,
  appraise,
  rate,
  get,
  list,
} satisfies ServerActions<PledgeContract>;

export const main = createMain('pledge', actions);
