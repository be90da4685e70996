import sitemap from '../../src/sitemap.json';

/** WeChat search may index public lists only: detail, admin, statistics and account pages stay out (issue 14). */
interface AppConfig {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  sitemapLocation?: string;
}

function appConfig(): AppConfig {
  (globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }).defineAppConfig = (c) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- app.config.ts calls Taro's global at load
  return require('../../src/app.config').default as AppConfig;
}

/** WeChat's rule: the first rule whose page matches decides; a page no rule matches is indexed. */
function indexed(page: string): boolean {
  const rule = sitemap.rules.find((r) => r.page === page || r.page === '*');
  return rule ? rule.action === 'allow' : true;
}

describe('sitemap.json', () => {
  const config = appConfig();
  const pages = [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

  it('is the sitemap the app names', () => {
    expect(config.sitemapLocation).toBe('sitemap.json');
  });

  it('keeps every detail, admin, statistics and account page out of search', () => {
    const hidden = pages.filter((p) => /\/detail$|^packages\/(admin|stats|account)\/|^pages\/me\//.test(p));
    expect(hidden.length).toBeGreaterThan(10);
    expect(hidden.filter(indexed)).toEqual([]);
  });

  it('lets the public lists be found, and names only pages that exist', () => {
    expect(indexed('pages/home/index')).toBe(true);
    expect(indexed('pages/pledges/index')).toBe(true);
    for (const rule of sitemap.rules) if (rule.page !== '*') expect(pages).toContain(rule.page);
  });
});
