import { createMain } from '../common/runtime';
import { listBranches, saveBranch } from './branches';
import { listPlaces, savePlace } from './places';
import { createUnit, tree, updateUnit } from './units';

export const actions = { tree, createUnit, updateUnit, listBranches, saveBranch, listPlaces, savePlace };

export const main = createMain('org', actions);
