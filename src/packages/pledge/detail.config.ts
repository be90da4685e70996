export default definePageConfig({
  navigationBarTitleText: '承诺详情',
});
