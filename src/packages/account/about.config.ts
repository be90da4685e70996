export default definePageConfig({
  navigationBarTitleText: '关于红邻',
});
