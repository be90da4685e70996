import { cloud } from './cloud';
import { contentRejected } from './errors';

/** WeChat's msgSecCheck scenes: 1 profile, 2 comment, 3 forum post, 4 social log. */
export type TextScene = 1 | 2 | 3 | 4;

interface MsgSecCheckResult {
  result?: { suggest?: 'pass' | 'review' | 'risky'; label?: number };
}

/**
 * Checks user text with WeChat content security (msgSecCheck v2) before anything is stored.
 * Anything but `pass` is refused: there is no human review queue to hold it in.
 */
export async function checkText(
  openid: string,
  scene: TextScene,
  texts: Array<string | undefined | null>,
): Promise<void> {
  const content = texts.filter((t): t is string => !!t && t.trim().length > 0).join('\n');
  if (!content) return;
  const answer = (await cloud.openapi.security.msgSecCheck({
    content,
    version: 2,
    scene,
    openid,
  })) as MsgSecCheckResult;
  const suggest = answer.result?.suggest ?? 'pass';
  if (suggest !== 'pass') {
    throw contentRejected('内容包含不适宜发布的信息，请修改后再提交', { suggest, label: answer.result?.label });
  }
}
