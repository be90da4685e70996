import { stretchTimeLimits } from './time-limits';

/** Jest global setup of the `emulator` project: its local clouds run their fixture functions with test time limits. */
export default function emulatorGlobalSetup(): void {
  stretchTimeLimits();
}
