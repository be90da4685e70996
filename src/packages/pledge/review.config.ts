export default definePageConfig({
  navigationBarTitleText: '支部审核与评议',
});
