import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { missingSecrets } from '../../scripts/deploy/execute';
import type { Step } from '../../scripts/deploy/plan';
import { mask, readSecrets, redact } from '../../scripts/deploy/secrets';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-secrets-'));

describe('deployment secrets', () => {
  it('takes environment variables before deploy.secrets.json, and reads the upload key from its path', () => {
    const root = folder();
    fs.writeFileSync(path.join(root, 'private.wx0123456789abcdef.key'), '-----BEGIN RSA PRIVATE KEY-----\nabc\n');
    fs.writeFileSync(
      path.join(root, 'deploy.secrets.json'),
      JSON.stringify({
        tencentCloudSecretId: 'AKIDfromfile0000',
        tencentCloudSecretKey: 'keyfromfile0000',
        uploadPrivateKeyPath: 'private.wx0123456789abcdef.key',
      }),
    );
    const secrets = readSecrets(root, { TENCENTCLOUD_SECRETID: 'AKIDfromenv00000' });
    expect(secrets).toMatchObject({
      secretId: 'AKIDfromenv00000',
      secretKey: 'keyfromfile0000',
      uploadKey: '-----BEGIN RSA PRIVATE KEY-----\nabc\n',
    });
    expect(secrets.sources).toEqual({
      SecretId: '环境变量 TENCENTCLOUD_SECRETID',
      SecretKey: 'deploy.secrets.json 的 tencentCloudSecretKey',
      上传密钥: 'deploy.secrets.json 的 uploadPrivateKeyPath（private.wx0123456789abcdef.key）',
    });
  });

  it('has nothing when neither is given', () => {
    expect(readSecrets(folder(), {})).toEqual({
      secretId: undefined,
      secretKey: undefined,
      sessionToken: undefined,
      uploadKey: undefined,
      sources: {},
    });
  });

  it('refuses a deploy.secrets.json that was committed to git', () => {
    const root = folder();
    fs.writeFileSync(path.join(root, 'deploy.secrets.json'), '{}');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', 'deploy.secrets.json');
    expect(() => readSecrets(root, {})).toThrow('被提交进了 git');
  });

  it('masks a secret to its first four characters and length, and redacts secrets out of any text', () => {
    expect(mask('AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA')).toBe('AKID****（36 位）');
    expect(mask('short')).toBe('****');
    const secrets = { secretId: 'AKIDz8krbsJ5', secretKey: 'Gu5t9xGARNpq', sources: {} };
    expect(redact('SignatureDoesNotMatch for AKIDz8krbsJ5 with Gu5t9xGARNpq', secrets)).toBe(
      'SignatureDoesNotMatch for **** with ****',
    );
  });

  it('names the secrets a set of steps needs and lacks', () => {
    const database: Step = { kind: 'collection', collection: 'users' };
    const weapp: Step = {
      kind: 'weapp',
      appId: 'wx0123456789abcdef',
      projectPath: 'dist/weapp',
      version: '0.1.0',
      description: '',
    };
    expect(missingSecrets([database, weapp], { sources: {} })).toHaveLength(2);
    expect(missingSecrets([weapp], { uploadKey: 'k', sources: {} })).toEqual([]);
    expect(missingSecrets([database], { secretId: 'a', sources: {} })).toEqual([
      expect.stringContaining('TENCENTCLOUD_SECRETKEY'),
    ]);
  });
});
