import type {
  RosterFile,
  RosterJoinCode,
  RosterJoinNames,
  RosterLinkResult,
  RosterPreview,
  RosterProgress,
  RosterSheet,
  rosterConfirmInputSchema,
  rosterExportInputSchema,
  rosterJoinCodeInputSchema,
  rosterJoinNamesInputSchema,
  rosterLinkInputSchema,
  rosterPreviewInputSchema,
  rosterSheetInputSchema,
  rosterTemplateInputSchema,
} from '../roster';
import type { Call, CallNames } from './action';

/** The `roster` cloud function (imports, exports, members linking themselves): docs/api/roster.md. */
export interface RosterContract {
  /** An admin downloads the empty spreadsheet of a roster kind. */
  template: Call<typeof rosterTemplateInputSchema, RosterFile>;
  /** An admin uploads a filled roster and sees what importing it would change. */
  preview: Call<typeof rosterPreviewInputSchema, RosterPreview>;
  /** An admin writes a previewed import, a batch at a time. */
  confirm: Call<typeof rosterConfirmInputSchema, RosterProgress>;
  /** An admin downloads a unit's roster as a spreadsheet. */
  export: Call<typeof rosterExportInputSchema, RosterFile>;
  /** An admin prepares the printable invitation sheets of a unit's members, a batch at a time. */
  sheet: Call<typeof rosterSheetInputSchema, RosterSheet>;
  /** A secretary or an admin gets the code members of a branch link themselves with. */
  joinCode: Call<typeof rosterJoinCodeInputSchema, RosterJoinCode>;
  /** The names of a branch's roster not linked yet, for the code's holder to pick theirs. */
  joinNames: Call<typeof rosterJoinNamesInputSchema, RosterJoinNames>;
  /** A member links themselves to their roster record (the last four digits of the phone prove it). */
  link: Call<typeof rosterLinkInputSchema, RosterLinkResult>;
}

export const ROSTER_CALLS = {
  template: true,
  preview: true,
  confirm: true,
  export: true,
  sheet: true,
  joinCode: true,
  joinNames: true,
  link: true,
} as const satisfies CallNames<RosterContract>;
