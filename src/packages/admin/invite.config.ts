export default definePageConfig({
  navigationBarTitleText: '邀请担任角色',
});
