import type { RosterContract } from '@honglin/types/contract/roster';
import { createMain, type ServerActions } from '../common/runtime';
import { confirm } from './confirm';
import { exportRoster, template } from './files';
import { joinCode, joinNames, link } from './join';
import { preview } from './preview';
import { sheet } from './sheet';

export const actions = {
  template,
  preview,
  confirm,
  export: exportRoster,
  sheet,
  joinCode,
  joinNames,
  link,
} satisfies ServerActions<RosterContract>;

export const main = createMain('roster', actions);
