import * as z from 'zod';
import { REQUEST_CATEGORIES, type RequestCategory } from './request';

const hours = z.number().positive();
const categoryLimitSchema = z.object({ resolveHours: hours });

/**
 * config/honglin.json `requestTimeLimits`: for every request category the hours to resolve it (its label is
 * REQUEST_CATEGORY_LABELS), and the hours to accept a request (urgent and not). Driven by REQUEST_CATEGORIES, so a category added there without
 * its entry here fails the build and the deploy, not the first submit.
 */
export const requestTimeLimitsSchema = z.object({
  ...(Object.fromEntries(REQUEST_CATEGORIES.map((c) => [c, categoryLimitSchema])) as Record<
    RequestCategory,
    typeof categoryLimitSchema
  >),
  urgentAcceptHours: hours,
  acceptHours: hours,
});

export type RequestTimeLimits = z.infer<typeof requestTimeLimitsSchema>;
