import { figuresOf } from '../../../../cloudfunctions/common/domain/metrics/figures';

describe('figures', () => {
  it('computes rates and averages, and null where there is nothing to divide', () => {
    const f = figuresOf({
      sums: {
        'request.accepted': 4,
        'request.acceptedOnTime': 3,
        'request.resolved': 2,
        'request.resolveMinutes': 150,
        'request.rated': 3,
        'request.satisfied': 2,
      },
      distinct: { 'pledge.members': 7 },
      branchesAllThree: 2,
      overduePledgesNow: 1,
    });
    expect(f.requests).toMatchObject({ acceptedOnTimeRate: 0.75, averageResolveHours: 1.3, satisfactionRate: 0.667 });
    expect(f.pledges).toMatchObject({ members: 7, overdueNow: 1 });
    expect(f.partyDay.branchesAllThree).toBe(2);
    const none = figuresOf({ sums: {}, distinct: {}, branchesAllThree: 0, overduePledgesNow: 0 });
    expect(none.requests).toMatchObject({
      acceptedOnTimeRate: null,
      averageResolveHours: null,
      satisfactionRate: null,
    });
  });
});
