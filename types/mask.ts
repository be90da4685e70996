/**
 * The one masking rule for names and the one for phone numbers, used wherever someone's name or number is shown
 * to a person who may not see it whole (cloud functions, exports and the app alike).
 */

/** 11 digits or more (a mobile, a landline with its area code): 138****5678; anything shorter: ****. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (!digits) return '';
  return digits.length >= 11 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** The surname and one star per further character: 张三丰 → 张**; a single character 王 → 王*; nothing → 居民. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '居民';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Free text with every phone-like run of digits (7 or more, spaces and dashes allowed inside) masked. */
export function maskPhonesIn(text: string): string {
  return text.replace(/\d[\d\s-]{5,}\d/g, (run) => (run.replace(/\D/g, '').length >= 7 ? maskPhone(run) : run));
}
