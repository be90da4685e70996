import { TABS, tabPath } from './lib/tabs';

export default defineAppConfig({
  // The main package holds only the tab pages; every feature area is a subpackage loaded when first opened.
  pages: ['pages/home/index', 'pages/requests/index', 'pages/pledges/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/request', pages: ['index', 'submit', 'report', 'detail', 'visit', 'coverage', 'households'] },
    { root: 'packages/pledge', pages: ['index', 'detail', 'edit', 'fulfil', 'review'] },
    {
      root: 'packages/activity',
      pages: ['index', 'plan', 'detail', 'checkin', 'record', 'month', 'films', 'filmlog', 'filmedit'],
    },
    { root: 'packages/admin', pages: ['index', 'branches', 'places', 'people', 'invite', 'changes', 'roster'] },
    { root: 'packages/stats', pages: ['index', 'list'] },
    {
      root: 'packages/account',
      pages: ['profile', 'home-unit', 'redeem', 'privacy', 'about', 'delete', 'join', 'join-code'],
    },
  ],
  tabBar: {
    // The weapp draws its own (src/custom-tab-bar): WeChat's cannot enlarge its labels for 长辈模式. Taro's H5
    // runtime draws no tab bar at all for a custom one, so H5 keeps Taro's own.
    ...(process.env.TARO_ENV === 'weapp' ? { custom: true } : {}),
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS.map(({ page, text }) => ({
      pagePath: tabPath(page),
      text,
      iconPath: `assets/tab/${page}.png`,
      selectedIconPath: `assets/tab/${page}-active.png`,
    })),
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '红邻',
    navigationBarTextStyle: 'white',
  },
  lazyCodeLoading: 'requiredComponents',
  // Only public lists may be indexed by WeChat search (src/sitemap.json).
  sitemapLocation: 'sitemap.json',
  // Private-info APIs wait for the user's consent to the privacy guideline (隐私保护指引).
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '您的位置仅用于标记诉求和活动的地点' },
  },
});
