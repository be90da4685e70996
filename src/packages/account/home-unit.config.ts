export default definePageConfig({
  navigationBarTitleText: '所在村（社区）',
});
