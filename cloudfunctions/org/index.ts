import type { OrgContract } from '@honglin/types/contract/org';
import { createMain, type ServerActions } from '../common/runtime';
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
} satisfies ServerActions<OrgContract>;

export const main = createMain('org', actions);
