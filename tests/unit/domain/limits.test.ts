import {
  limitReached,
  reopensAt,
  tallyOfTimes,
  tallyOne,
  type Tally,
} from '../../../cloudfunctions/common/domain/limits';

const HOUR = 60 * 60_000;
const limit = { max: 3, windowMs: HOUR };
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 8, minutes));

describe('window limits', () => {
  it('counts within the window that opens at the first, and reaches the limit at max', () => {
    let tally: Tally | undefined;
    for (let i = 0; i < 3; i += 1) {
      expect(limitReached(tally, limit, at(i))).toBe(false);
      tally = tallyOne(tally, limit, at(i));
    }
    expect(limitReached(tally, limit, at(59))).toBe(true);
    expect(reopensAt(tally as Tally, limit)).toEqual(new Date(at(0).getTime() + HOUR));
    expect(limitReached(tally, limit, new Date(at(0).getTime() + HOUR))).toBe(false);
    expect(tallyOne(tally, limit, new Date(at(0).getTime() + HOUR))).toEqual({
      count: 1,
      since: new Date(at(0).getTime() + HOUR),
    });
  });

  it('makes a tally of the times of records kept anyway: the last max of the window, opening at the oldest', () => {
    const now = at(50);
    expect(tallyOfTimes([], limit, now)).toBeUndefined();
    expect(tallyOfTimes([at(40), new Date(at(0).getTime() - 60_000), at(10), at(20), at(30)], limit, now)).toEqual({
      count: 3,
      since: at(20),
    });
  });
});
