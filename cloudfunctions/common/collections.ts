/**
 * Every collection the functions read or write, named once. cloudfunctions/database.json declares exactly this set
 * (tests/unit/collections.test.ts), and lint refuses a collection's name written as a bare string in function code.
 */
export const COLLECTIONS = {
  users: 'users',
  units: 'units',
  branches: 'branches',
  places: 'places',
  households: 'households',
  invites: 'invites',
  roleChanges: 'role_changes',
  requests: 'requests',
  visits: 'visits',
  pledges: 'pledges',
  pledgeRatings: 'pledgeRatings',
  activities: 'activities',
  activityReminders: 'activityReminders',
  attendance: 'attendance',
  films: 'films',
  filmLog: 'filmLog',
  timeline: 'timeline',
  counters: 'counters',
  counterSightings: 'counter_sightings',
  mediaChecks: 'media_checks',
  limits: 'limits',
  rosterPeople: 'roster_people',
  rosterImports: 'roster_imports',
  rosterImportRows: 'roster_import_rows',
  joinCodes: 'join_codes',
  subscriptions: 'subscriptions',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
