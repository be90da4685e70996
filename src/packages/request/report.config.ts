export default definePageConfig({
  navigationBarTitleText: '代居民反映',
});
