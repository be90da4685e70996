import type { IndexDeclaration } from '../../scripts/deploy/declaration';
import { indexChanges, listedCron, triggerChanges } from '../../scripts/deploy/diff';

const byOwner: IndexDeclaration = {
  name: 'owner_createdAt',
  keys: [
    { field: 'ownerId', direction: 1 },
    { field: 'createdAt', direction: -1 },
  ],
};
const byBranch: IndexDeclaration = {
  name: 'branch_createdAt',
  keys: [
    { field: 'branchId', direction: 1 },
    { field: 'createdAt', direction: -1 },
  ],
};
const listed = (index: IndexDeclaration, unique = false) => ({
  Name: index.name,
  Keys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
  Unique: unique,
});

describe('indexChanges', () => {
  it('creates every declared index on a new collection', () => {
    expect(indexChanges([byOwner, byBranch], [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] }])).toEqual({
      drop: [],
      create: [byOwner, byBranch],
      unchanged: 0,
      undeclared: [],
    });
  });

  it('changes nothing on a re-run', () => {
    expect(indexChanges([byOwner, byBranch], [listed(byOwner), listed(byBranch)])).toEqual({
      drop: [],
      create: [],
      unchanged: 2,
      undeclared: [],
    });
  });

  it('drops and recreates an index whose keys, directions or uniqueness changed', () => {
    const flipped = {
      ...listed(byOwner),
      Keys: [
        { Name: 'ownerId', Direction: '1' },
        { Name: 'createdAt', Direction: '1' },
      ],
    };
    expect(indexChanges([byOwner], [flipped])).toMatchObject({
      drop: ['owner_createdAt'],
      create: [byOwner],
      unchanged: 0,
    });
    const shorter = { ...listed(byOwner), Keys: [{ Name: 'ownerId', Direction: '1' }] };
    expect(indexChanges([byOwner], [shorter])).toMatchObject({ drop: ['owner_createdAt'] });
    expect(indexChanges([byOwner], [listed(byOwner, true)])).toMatchObject({ drop: ['owner_createdAt'] });
  });

  it('reports an index the declaration does not have, and leaves it', () => {
    expect(indexChanges([byOwner], [listed(byOwner), { Name: 'handmade' }])).toEqual({
      drop: [],
      create: [],
      unchanged: 1,
      undeclared: ['handmade'],
    });
  });
});

describe('triggerChanges', () => {
  const sweep = { name: 'sweep', type: 'timer' as const, config: '0 */10 * * * * *' };

  it('creates declared triggers the function lacks', () => {
    expect(triggerChanges([sweep], [])).toEqual({ remove: [], create: [sweep], unchanged: 0 });
  });

  it('changes nothing on a re-run, whether the cloud lists the cron plainly or as JSON', () => {
    expect(triggerChanges([sweep], [{ Name: 'sweep', Type: 'timer', Config: '0 */10 * * * * *' }])).toEqual({
      remove: [],
      create: [],
      unchanged: 1,
    });
    expect(triggerChanges([sweep], [{ Name: 'sweep', Type: 'timer', Config: '{"cron":"0 */10 * * * * *"}' }])).toEqual({
      remove: [],
      create: [],
      unchanged: 1,
    });
  });

  it('replaces a trigger whose cron changed and removes one no longer declared, leaving other trigger types', () => {
    const listedTriggers = [
      { Name: 'sweep', Type: 'timer', Config: '0 0 * * * * *' },
      { Name: 'old', Type: 'timer', Config: '0 0 9 * * * *' },
      { Name: 'cos', Type: 'cos', Config: '{}' },
    ];
    expect(triggerChanges([sweep], listedTriggers)).toEqual({
      remove: ['sweep', 'old'],
      create: [sweep],
      unchanged: 0,
    });
  });

  it('reads a listed config that is JSON without a cron as the cron itself', () => {
    expect(listedCron('{"other":1}')).toBe('{"other":1}');
  });
});
