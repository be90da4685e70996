import { maskName, maskPhone, maskPhonesIn } from '@honglin/types/mask';

/** The one masking rule for phones and for names, the same for mobiles and landlines wherever it is used. */
describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0731-5221234', '073****1234'],
    ['07315221234', '073****1234'],
    ['5221234', '****'],
    ['0731 522 1234', '073****1234'],
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('never shows more than seven digits of any number', () => {
    for (const phone of ['13812345678', '07315221234', '5221234', '12345678', '+8613812345678']) {
      expect(maskPhone(phone).replace(/\D/g, '').length).toBeLessThanOrEqual(7);
    }
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['王', '王*'],
    ['  ', '居民'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('maskPhonesIn', () => {
  it('masks numbers inside free text and leaves short numbers alone', () => {
    expect(maskPhonesIn('请打13812345678找我，家住3组')).toBe('请打138****5678找我，家住3组');
    expect(maskPhonesIn('座机 0731-5221234')).toBe('座机 073****1234');
  });
});
