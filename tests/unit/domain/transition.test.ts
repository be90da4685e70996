import { ERROR_CODES } from '@honglin/types/envelope';
import { REFUSALS, type Refusal } from '../../../cloudfunctions/common/domain/transition';

describe('the refusal table', () => {
  const entries = Object.entries(REFUSALS) as Array<[Refusal, (typeof REFUSALS)[Refusal]]>;

  it.each(entries)('%s answers with an envelope code and words in Chinese', (_refusal, { error, message }) => {
    expect(ERROR_CODES).toContain(error);
    expect(message).toMatch(/^[\u4e00-\u9fa5]/);
  });

  it('names each refusal after its record', () => {
    for (const [refusal] of entries) expect(refusal).toMatch(/^(pledge|request|activity|invite|role)\.[a-z][A-Za-z]+$/);
  });
});
