import { sdkEnvironment, type LocalCloud } from '../start';
import { seedDemo } from './demo';

/**
 * Seeds a running local cloud through the real wx-server-sdk (the e2e global setup's entry point; `npm run dev`
 * calls seedDemo with its own SDK handle).
 */
export async function seedDemoData(
  cloud: Pick<LocalCloud, 'adminUrl' | 'secret'>,
): Promise<{ units: number; users: number }> {
  Object.assign(process.env, sdkEnvironment(cloud));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  return seedDemo(sdk.database());
}
