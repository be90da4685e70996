/**
 * Deployment secrets: the Tencent Cloud API key pair (collections, indexes, rules, functions) and the
 * mini-program's code-upload private key (weapp). Only from environment variables or the git-ignored
 * deploy.secrets.json; never printed: everything shown goes through `mask` or `redact`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

export const SECRETS_FILE = 'deploy.secrets.json';

const secretsFileSchema = z.object({
  tencentCloudSecretId: z.string().min(1).optional(),
  tencentCloudSecretKey: z.string().min(1).optional(),
  uploadPrivateKeyPath: z.string().min(1).optional(),
  uploadPrivateKey: z.string().min(1).optional(),
});

export interface DeploySecrets {
  secretId?: string;
  secretKey?: string;
  /** Temporary credentials' token, when the key pair is temporary. */
  sessionToken?: string;
  /** The upload private key's content (from a path or given whole). */
  uploadKey?: string;
  /** Where each secret came from, for the report (never the value). */
  sources: Record<string, string>;
}

/** Shows that a secret is there without showing it: its first 4 characters and its length. */
export function mask(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 4)}****（${value.length} 位）`;
}

/** Replaces every secret value in a text (e.g. an SDK's error message) with ****. */
export function redact(text: string, secrets: DeploySecrets): string {
  const values = [secrets.secretId, secrets.secretKey, secrets.sessionToken, secrets.uploadKey].filter(
    (v): v is string => !!v && v.length >= 6,
  );
  return values.reduce((out, value) => out.split(value).join('****'), text);
}

function trackedByGit(root: string, file: string): boolean {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', file], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Environment variables first (TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, TENCENTCLOUD_SESSIONTOKEN,
 * MINIPROGRAM_UPLOAD_KEY_PATH or MINIPROGRAM_UPLOAD_KEY), then deploy.secrets.json. Throws when the
 * secrets file is committed or unreadable.
 */
export function readSecrets(root: string, env: Record<string, string | undefined> = process.env): DeploySecrets {
  const file = path.join(root, SECRETS_FILE);
  let stored: z.infer<typeof secretsFileSchema> = {};
  if (fs.existsSync(file)) {
    if (trackedByGit(root, SECRETS_FILE)) {
      throw new Error(
        `${SECRETS_FILE} 被提交进了 git：立即在腾讯云和小程序后台重置这些密钥，然后 git rm --cached ${SECRETS_FILE}`,
      );
    }
    const parsed = secretsFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new Error(`${SECRETS_FILE} 格式不对：${parsed.error.issues.map((i) => i.path.join('.')).join('、')}`);
    stored = parsed.data;
  }
  const sources: Record<string, string> = {};
  const pick = (
    name: string,
    fromEnv: string | undefined,
    envName: string,
    fromFile: string | undefined,
    fileKey: string,
  ): string | undefined => {
    if (fromEnv) sources[name] = `环境变量 ${envName}`;
    else if (fromFile) sources[name] = `${SECRETS_FILE} 的 ${fileKey}`;
    return fromEnv || fromFile;
  };
  const secretId = pick(
    'SecretId',
    env.TENCENTCLOUD_SECRETID,
    'TENCENTCLOUD_SECRETID',
    stored.tencentCloudSecretId,
    'tencentCloudSecretId',
  );
  const secretKey = pick(
    'SecretKey',
    env.TENCENTCLOUD_SECRETKEY,
    'TENCENTCLOUD_SECRETKEY',
    stored.tencentCloudSecretKey,
    'tencentCloudSecretKey',
  );
  let uploadKey = pick(
    '上传密钥',
    env.MINIPROGRAM_UPLOAD_KEY,
    'MINIPROGRAM_UPLOAD_KEY',
    stored.uploadPrivateKey,
    'uploadPrivateKey',
  );
  const keyPath = env.MINIPROGRAM_UPLOAD_KEY_PATH || stored.uploadPrivateKeyPath;
  if (!uploadKey && keyPath) {
    const absolute = path.resolve(root, keyPath);
    if (!fs.existsSync(absolute)) throw new Error(`找不到小程序代码上传密钥文件 ${keyPath}`);
    uploadKey = fs.readFileSync(absolute, 'utf8');
    sources['上传密钥'] = env.MINIPROGRAM_UPLOAD_KEY_PATH
      ? `环境变量 MINIPROGRAM_UPLOAD_KEY_PATH（${keyPath}）`
      : `${SECRETS_FILE} 的 uploadPrivateKeyPath（${keyPath}）`;
  }
  return { secretId, secretKey, sessionToken: env.TENCENTCLOUD_SESSIONTOKEN || undefined, uploadKey, sources };
}
