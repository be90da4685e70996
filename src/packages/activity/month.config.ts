export default definePageConfig({ navigationBarTitleText: '月度情况' });
