import { createMain } from '../common/runtime';
import { listBranches, saveBranch } from './branches';
import { closeHousehold, listHouseholds, saveHousehold } from './households';
import { listPlaces, savePlace } from './places';
import { createUnit, tree, updateUnit } from './units';

export const actions = {
  tree,
  createUnit,
  updateUnit,
  listBranches,
  saveBranch,
  listPlaces,
  savePlace,
  listHouseholds,
  saveHousehold,
  closeHousehold,
};

export const main = createMain('org', actions);
