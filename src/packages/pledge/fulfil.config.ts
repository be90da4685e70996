export default definePageConfig({
  navigationBarTitleText: '记录践诺',
});
