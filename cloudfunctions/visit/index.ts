import { createMain } from '../common/runtime';
import { log } from './log';
import { coverage, list, notVisited } from './read';

export const actions = { log, list, notVisited, coverage };

export const main = createMain('visit', actions);
