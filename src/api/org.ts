import type { Page } from '@honglin/types/common';
import type {
  CloseHouseholdInput,
  HouseholdView,
  ListHouseholdsInput,
  SaveHouseholdInput,
} from '@honglin/types/household';
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

/** The `org` cloud function (units, branches, places, households), one typed call per action (docs/api/org.md). */
export const orgApi = {
  tree: (input: TreeInput = {}) => callCloud<TreeAnswer>('org', 'tree', input),
  createUnit: (input: CreateUnitInput) => callCloud<Unit>('org', 'createUnit', input),
  updateUnit: (input: UpdateUnitInput) => callCloud<Unit>('org', 'updateUnit', input),
  listBranches: (input: ListBranchesInput = {}) => callCloud<Page<BranchView>>('org', 'listBranches', input),
  saveBranch: (input: SaveBranchInput) => callCloud<Branch>('org', 'saveBranch', input),
  listPlaces: (input: ListPlacesInput = {}) => callCloud<Page<PlaceView>>('org', 'listPlaces', input),
  savePlace: (input: SavePlaceInput) => callCloud<Place>('org', 'savePlace', input),
  listHouseholds: (input: ListHouseholdsInput) => callCloud<Page<HouseholdView>>('org', 'listHouseholds', input),
  saveHousehold: (input: SaveHouseholdInput) => callCloud<HouseholdView>('org', 'saveHousehold', input),
  closeHousehold: (input: CloseHouseholdInput) => callCloud<HouseholdView>('org', 'closeHousehold', input),
};
