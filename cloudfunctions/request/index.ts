import type { RequestContract } from '@honglin/types/contract/request';
import { createMain, type ServerActions } from '../common/runtime';
import { linkable } from './linkable';
import { comment, get, list } from './read';
import { follow, report, similar, submit } from './submit';
import { sweep } from './sweep';
import { accept, assign, escalate, handBack, rate, resolve } from './transitions';

export const actions = {
  submit,
  report,
  similar,
  follow,
  get,
  list,
  linkable,
  accept,
  assign,
  escalate,
  handBack,
  resolve,
  rate,
  comment,
  sweep,
} satisfies ServerActions<RequestContract>;

export const main = createMain('request', actions);
