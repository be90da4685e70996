import type { VisitContract } from '@honglin/types/contract/visit';
import { createMain, type ServerActions } from '../common/runtime';
import { log } from './log';
import { coverage, list, notVisited } from './read';

export const actions = { log, list, notVisited, coverage } satisfies ServerActions<VisitContract>;

export const main = createMain('visit', actions);
