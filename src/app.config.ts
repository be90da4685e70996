const tab = (page: string, text: string, icon: string) => ({
  pagePath: `pages/${page}/index`,
  text,
  iconPath: `assets/tab/${icon}.png`,
  selectedIconPath: `assets/tab/${icon}-active.png`,
});

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
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      tab('home', '首页', 'home'),
      tab('requests', '诉求', 'requests'),
      tab('pledges', '承诺', 'pledges'),
      tab('me', '我的', 'me'),
    ],
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
