import type { Page } from '../common';
import type {
  HouseholdView,
  closeHouseholdInputSchema,
  listHouseholdsInputSchema,
  saveHouseholdInputSchema,
} from '../household';
import type { Branch, Place, Unit } from '../org';
import type {
  BranchView,
  PlaceView,
  TreeAnswer,
  createUnitInputSchema,
  listBranchesInputSchema,
  listPlacesInputSchema,
  saveBranchInputSchema,
  savePlaceInputSchema,
  treeInputSchema,
  updateUnitInputSchema,
} from '../org-api';
import type { Call, CallNames } from './action';

/** The `org` cloud function (units, branches, places, households): docs/api/org.md. */
export interface OrgContract {
  /** The unit tree from a root, a few levels deep, with the root's ancestors. */
  tree: Call<typeof treeInputSchema, TreeAnswer>;
  /** An admin adds a unit below one they administer. */
  createUnit: Call<typeof createUnitInputSchema, Unit>;
  /** An admin renames or reorders a unit. */
  updateUnit: Call<typeof updateUnitInputSchema, Unit>;
  /** A page of party branches, with their unit's name. */
  listBranches: Call<typeof listBranchesInputSchema, Page<BranchView>>;
  /** An admin creates or renames a party branch. */
  saveBranch: Call<typeof saveBranchInputSchema, Branch>;
  /** A page of places (halls, squares …), with their unit's name. */
  listPlaces: Call<typeof listPlacesInputSchema, Page<PlaceView>>;
  /** An admin creates or changes a place. */
  savePlace: Call<typeof savePlaceInputSchema, Place>;
  /** A head or an admin lists the households of a unit. */
  listHouseholds: Call<typeof listHouseholdsInputSchema, Page<HouseholdView>>;
  /** A head or an admin adds, changes, moves or splits a household. */
  saveHousehold: Call<typeof saveHouseholdInputSchema, HouseholdView>;
  /** An admin closes a household (moved out, merged …), with the reason. */
  closeHousehold: Call<typeof closeHouseholdInputSchema, HouseholdView>;
}

export const ORG_CALLS = {
  tree: true,
  createUnit: true,
  updateUnit: true,
  listBranches: true,
  saveBranch: true,
  listPlaces: true,
  savePlace: true,
  listHouseholds: true,
  saveHousehold: true,
  closeHousehold: true,
} as const satisfies CallNames<OrgContract>;
