export default definePageConfig({
  navigationBarTitleText: '角色变更记录',
});
