import { REFUSALS, type Refusal } from '../../../cloudfunctions/common/domain/transition';

/** A machine's answer as the caller reads it: a refusal in the words of the one refusal table. */
export function said<T extends { ok: true } | { ok: false; refusal: Refusal }>(
  result: T,
): Exclude<T, { ok: false }> | { ok: false; reason: string } {
  return result.ok
    ? (result as Exclude<T, { ok: false }>)
    : { ok: false, reason: REFUSALS[(result as { refusal: Refusal }).refusal].message };
}
