export default definePageConfig({ navigationBarTitleText: '微视频片库' });
