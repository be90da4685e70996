import { createMain } from '../common/runtime';
import { log } from './log';
import { coverage, list } from './read';

export const actions = { log, list, coverage };

export const main = createMain('visit', actions);
