import Taro from '@tarojs/taro';
import type { Envelope } from '@honglin/types/envelope';
import { uploadImage } from '@/api/transport';

/** A spreadsheet the admin chose: where it is on the device (a blob: URL in H5) and its extension. */
export interface ChosenSheet {
  path: string;
  name: string;
  ext: 'xlsx' | 'csv';
}

const EXTENSIONS = ['xlsx', 'csv'] as const;

function extensionOf(name: string): ChosenSheet['ext'] | null {
  const ext = name.split('.').pop()?.toLowerCase();
  return EXTENSIONS.find((e) => e === ext) ?? null;
}

/** H5: a file input, opened as a tap on 选择文件 opens it; resolves with the file, or null when cancelled. */
function chooseInBrowser(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv';
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Lets the admin choose an .xlsx or .csv: from a chat in the weapp (where WeChat keeps the files people send),
 * from the device in H5. Null when they cancel; an error message when the file is of another kind.
 */
export async function chooseSheet(): Promise<ChosenSheet | { error: string } | null> {
  let path: string;
  let name: string;
  if (process.env.TARO_ENV === 'h5') {
    const file = await chooseInBrowser();
    if (!file) return null;
    path = URL.createObjectURL(file);
    name = file.name;
  } else {
    try {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...EXTENSIONS] });
      path = tempFiles[0].path;
      name = tempFiles[0].name;
    } catch {
      return null;
    }
  }
  const ext = extensionOf(name);
  return ext ? { path, name, ext } : { error: '请选择 Excel（.xlsx）或 CSV 文件' };
}

/** Uploads the chosen file to `roster/<requestId>.<ext>`, the place the roster function reads imports from. */
export async function uploadSheet(sheet: ChosenSheet, requestId: string): Promise<Envelope<{ fileID: string }>> {
  const answer = await uploadImage(sheet.path, `roster/${requestId}.${sheet.ext}`);
  if (process.env.TARO_ENV === 'h5') URL.revokeObjectURL(sheet.path);
  return answer;
}
