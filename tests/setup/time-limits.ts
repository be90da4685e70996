import { TIME_LIMIT_SCALE_ENV } from '../../emulator/functions/config';

/**
 * Every local cloud of a test run gives its functions this many times their time limit (10 s for most), so a
 * machine busy with other builds (load 8 on 2 cores) slows them without stopping them. The limit itself stays
 * enforced and tested (tests/emulator/functions.test.ts). A value already in the environment is kept.
 */
export const TEST_TIME_LIMIT_SCALE = 6;

/** Sets the scale in this process's environment, which the jest workers and the clouds they start inherit. */
export function stretchTimeLimits(): void {
  process.env[TIME_LIMIT_SCALE_ENV] ??= String(TEST_TIME_LIMIT_SCALE);
}
