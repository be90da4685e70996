import { reportSubscriptionsInputSchema, type ReportSubscriptionsResult } from '@honglin/types/user';
import { anyone } from '../common/access';
import { forbidden } from '../common/errors';
import { defineAction } from '../common/runtime';
import { addSubscriptions } from '../common/subscriptions';
import { NOT_AGREED_MESSAGE } from '../common/users';

/**
 * The app reports the kinds of message the person just accepted in WeChat's subscribe dialog (asked in a tap): each
 * allows one notice of that kind (common/notify.ts sends only while one is left).
 */
export const reportSubscriptions = defineAction({
  input: reportSubscriptionsInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<ReportSubscriptionsResult> {
    // Nothing of a person is kept before they agree to the privacy guideline.
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    return { counts: await addSubscriptions(openid, input.accepted, now) };
  },
});
