export default definePageConfig({
  navigationBarTitleText: '写承诺',
});
