import settings from '../../config/honglin.json';

/** The deployment configuration (config/honglin.json), bundled into each function at build time. */
export const config = settings;
export type SubscribeTemplate = keyof typeof settings.subscribeTemplates;
