// Plain data: app.config.ts reads it at build time, outside the app.
/** The four tab pages, in order: app.config.ts declares them and the weapp's own tab bar draws them. */
export const TABS = [
  { page: 'home', text: '首页' },
  { page: 'requests', text: '诉求' },
  { page: 'pledges', text: '承诺' },
  { page: 'me', text: '我的' },
] as const;

export type TabPage = (typeof TABS)[number]['page'];

export const tabPath = (page: TabPage): string => `pages/${page}/index`;
