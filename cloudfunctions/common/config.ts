import type { SubscriptionKind } from '@honglin/types/user';
import settings from '../../config/honglin.json';

/**
 * The deployment configuration (config/honglin.json), bundled into each function at build time; it names a template
 * for every kind of subscribe message the app asks for.
 */
export const config = settings satisfies {
  subscribeTemplates: Record<SubscriptionKind, { id: string; fields: Record<string, string> }>;
};
export type SubscribeTemplate = SubscriptionKind;
