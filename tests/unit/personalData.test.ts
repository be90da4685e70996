import database from '../../cloudfunctions/database.json';
import {
  PERSONAL_DATA,
  WITHOUT_PERSONAL_DATA,
  erasureToken,
  scrub,
  type ErasureSubject,
} from '../../cloudfunctions/common/personalData';

/** The register of personal data (注销) against the declared collections, and its text rule. */
describe('the register of personal data', () => {
  it('names every declared collection, so a new one cannot be forgotten by the erasure', () => {
    const registered = new Set([...PERSONAL_DATA.map((e) => e.collection), ...Object.keys(WITHOUT_PERSONAL_DATA)]);
    const missing = database.collections.map((c) => c.name).filter((name) => !registered.has(name));
    expect(missing).toEqual([]);
  });

  it('says for each entry which fields it erases and how', () => {
    for (const entry of PERSONAL_DATA) expect(Object.keys(entry.fields).length).toBeGreaterThan(0);
  });

  it('erases the account itself last (the erasure job lives on it)', () => {
    expect(PERSONAL_DATA[PERSONAL_DATA.length - 1].collection).toBe('users');
  });
});

describe('scrub', () => {
  const subject: ErasureSubject = { openid: 'o-x', token: 't', names: ['王大妈', '王'], phones: ['13800001111'] };

  it('takes their name and phone out of a text and leaves the rest', () => {
    expect(scrub('王大妈说路灯坏了，电话13800001111，王家门口', subject)).toBe(
      '已注销用户说路灯坏了，电话***，王家门口',
    );
  });
});

describe('scrub, a name that 已注销用户 contains', () => {
  it('is left alone, so the text never matches the name again after its scrub', () => {
    const subject: ErasureSubject = { openid: 'o-y', token: 't', names: ['注销'], phones: [] };
    expect(scrub('注销的事', subject)).toBe('注销的事');
  });
});

describe('erasureToken', () => {
  it('is salted: the same openid never gives the same token twice, and it does not contain the openid', () => {
    const a = erasureToken('o-someone');
    expect(a).not.toBe(erasureToken('o-someone'));
    expect(a).not.toContain('o-someone');
    expect(a).toMatch(/^erased-[0-9a-f]{24}$/);
  });
});
