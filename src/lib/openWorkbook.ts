import { openDocument } from '@tarojs/taro';
import { downloadStoredFile } from '@/api/transport';

/**
 * Opens an .xlsx the cloud made (a statistics export, a roster template or export) or a .pdf (the roster's
 * invitation sheet): its download address in H5; in the weapp downloaded by its file id (no download domain needed)
 * and opened. Answers why not, or null when opened.
 */
export async function openWorkbook(file: { fileID: string; url: string; fileName?: string }): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(file.url, '_blank');
    return null;
  }
  const downloaded = await downloadStoredFile(file.fileID);
  if (!downloaded.ok) return downloaded.error.message;
  return openDocument({
    filePath: downloaded.data.tempFilePath,
    fileType: file.fileName?.endsWith('.pdf') ? 'pdf' : 'xlsx',
    showMenu: true,
  }).then(
    () => null,
    () => '文件打不开，请复制下载链接到电脑上打开',
  );
}
