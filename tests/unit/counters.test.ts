import { flattenCounts } from '../../cloudfunctions/common/counters';
import { nestCounts } from '../../cloudfunctions/common/domain/metrics/counterKeys';

describe('counter storage', () => {
  it('nests names the way $inc on counts.a.b stores them, and reads both shapes back flat', () => {
    expect(nestCounts({ 'request.received': 1, 'request.category.help.received': 2 })).toEqual({
      request: { received: 1, category: { help: { received: 2 } } },
    });
    expect(flattenCounts({ 'request.received': 1, request: { received: 2, resolved: 1 } })).toEqual({
      'request.received': 3,
      'request.resolved': 1,
    });
  });
});
