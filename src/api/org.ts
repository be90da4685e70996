import type { Page } from '@honglin/types/common';
import type { Branch, Place, Unit } from '@honglin/types/org';
import type {
  BranchView,
  CreateUnitInput,
  ListBranchesInput,
  ListPlacesInput,
  PlaceView,
  SaveBranchInput,
  SavePlaceInput,
  TreeAnswer,
  TreeInput,
  UpdateUnitInput,
} from '@honglin/types/org-api';
import { callCloud } from './transport';

/** The `org` cloud function (units, branches, places), one typed call per action (docs/api/org.md). */
export const orgApi = {
  tree: (input: TreeInput = {}) => callCloud<TreeAnswer>('org', 'tree', input),
  createUnit: (input: CreateUnitInput) => callCloud<Unit>('org', 'createUnit', input),
  updateUnit: (input: UpdateUnitInput) => callCloud<Unit>('org', 'updateUnit', input),
  listBranches: (input: ListBranchesInput = {}) => callCloud<Page<BranchView>>('org', 'listBranches', input),
  saveBranch: (input: SaveBranchInput) => callCloud<Branch>('org', 'saveBranch', input),
  listPlaces: (input: ListPlacesInput = {}) => callCloud<Page<PlaceView>>('org', 'listPlaces', input),
  savePlace: (input: SavePlaceInput) => callCloud<Place>('org', 'savePlace', input),
};
