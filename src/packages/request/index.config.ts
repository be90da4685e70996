export default definePageConfig({
  navigationBarTitleText: '待办诉求',
});
