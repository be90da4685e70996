export default definePageConfig({ navigationBarTitleText: '编辑影片' });
