import type {
  RosterConfirmInput,
  RosterExportInput,
  RosterFile,
  RosterJoinCode,
  RosterJoinCodeInput,
  RosterJoinNames,
  RosterJoinNamesInput,
  RosterLinkInput,
  RosterLinkResult,
  RosterPreview,
  RosterPreviewInput,
  RosterProgress,
  RosterSheet,
  RosterSheetInput,
  RosterTemplateInput,
} from '@honglin/types/roster';
import { callCloud } from './transport';

/** The `roster` cloud function (imports, exports, linking oneself), one typed call per action (docs/api/roster.md). */
export const rosterApi = {
  template: (input: RosterTemplateInput) => callCloud<RosterFile>('roster', 'template', input),
  preview: (input: RosterPreviewInput) => callCloud<RosterPreview>('roster', 'preview', input),
  confirm: (input: RosterConfirmInput) => callCloud<RosterProgress>('roster', 'confirm', input),
  export: (input: RosterExportInput) => callCloud<RosterFile>('roster', 'export', input),
  sheet: (input: RosterSheetInput) => callCloud<RosterSheet>('roster', 'sheet', input),
  joinCode: (input: RosterJoinCodeInput) => callCloud<RosterJoinCode>('roster', 'joinCode', input),
  joinNames: (input: RosterJoinNamesInput) => callCloud<RosterJoinNames>('roster', 'joinNames', input),
  link: (input: RosterLinkInput) => callCloud<RosterLinkResult>('roster', 'link', input),
};
