import { previewImage } from '@tarojs/taro';

/**
 * Opens a photo full screen among the others of its row. Its own module: in H5 previewImage brings Taro's Swiper
 * (about 190 KB), which only the pages that enlarge photos should load, never the forms that pick them.
 */
export function enlargePhoto(current: string, urls: string[]): void {
  void previewImage({ urls, current });
}
