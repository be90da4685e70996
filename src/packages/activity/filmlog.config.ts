export default definePageConfig({ navigationBarTitleText: '我的观影记录' });
