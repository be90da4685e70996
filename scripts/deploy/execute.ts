/**
 * Carries out a plan's steps against the real cloud: a thin loop, one SDK call (or two) per step, each
 * safe to repeat (create-if-missing, compare-then-change, upload-or-update). The SDKs are loaded only
 * here, when a real deploy runs: @cloudbase/manager-node for the cloud environment, miniprogram-ci for
 * the weapp upload.
 */
import path from 'node:path';
import type CloudBase from '@cloudbase/manager-node';
import type { IndexDeclaration } from './declaration';
import type { TimerTrigger } from './functionConfig';
import { STEP_GROUP, describeStep, type Step } from './plan';
import { redact, type DeploySecrets } from './secrets';

export interface ExecutionContext {
  root: string;
  cloudEnv: string;
  secrets: DeploySecrets;
  log: (line: string) => void;
}

interface Clients {
  manager(): Promise<CloudBase>;
  ci(): Promise<typeof import('miniprogram-ci')>;
}

function lazyClients(context: ExecutionContext): Clients {
  let manager: CloudBase | null = null;
  return {
    async manager() {
      if (!manager) {
        const { default: Manager } = await import('@cloudbase/manager-node');
        const { secretId, secretKey, sessionToken } = context.secrets;
        manager = new Manager({ secretId, secretKey, token: sessionToken, envId: context.cloudEnv });
      }
      return manager;
    },
    ci: () => import('miniprogram-ci'),
  };
}

/** The cron of a trigger as the cloud lists it (its Config is the cron, or JSON holding it). */
function listedCron(config: string): string {
  try {
    const parsed = JSON.parse(config) as { cron?: string };
    return parsed.cron ?? config;
  } catch {
    return config;
  }
}

function sameKeys(index: IndexDeclaration, listed: { Name?: string; Direction?: string }[]): boolean {
  return (
    listed.length === index.keys.length &&
    index.keys.every((k, i) => listed[i].Name === k.field && Number(listed[i].Direction) === k.direction)
  );
}

const mgoIndex = (index: IndexDeclaration) => ({
  IndexName: index.name,
  MgoKeySchema: {
    MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
    MgoIsUnique: index.unique ?? false,
  },
});

async function applyIndexes(manager: CloudBase, collection: string, indexes: IndexDeclaration[]): Promise<string> {
  const existing = (await manager.database.describeCollection(collection)).Indexes ?? [];
  const changed = indexes.filter((i) =>
    existing.some((e) => e.Name === i.name && (!sameKeys(i, e.Keys ?? []) || e.Unique !== (i.unique ?? false))),
  );
  const missing = indexes.filter((i) => !existing.some((e) => e.Name === i.name));
  if (changed.length > 0)
    await manager.database.updateCollection(collection, { DropIndexes: changed.map((i) => ({ IndexName: i.name })) });
  const toCreate = [...changed, ...missing];
  if (toCreate.length > 0)
    await manager.database.updateCollection(collection, { CreateIndexes: toCreate.map(mgoIndex) });
  const undeclared = existing
    .filter((e) => e.Name !== '_id_' && !indexes.some((i) => i.name === e.Name))
    .map((e) => e.Name);
  return [
    `新建 ${missing.length}，重建 ${changed.length}，不变 ${indexes.length - toCreate.length}`,
    undeclared.length > 0 ? `；云端另有未声明的索引 ${undeclared.join('、')}（保留未动）` : '',
  ].join('');
}

async function applyTriggers(manager: CloudBase, name: string, triggers: TimerTrigger[]): Promise<string> {
  const detail = await manager.functions.getFunctionDetail(name);
  const existing = (detail.Triggers ?? []).filter((t) => t.Type === 'timer');
  const unchanged = (t: TimerTrigger) => existing.some((e) => e.Name === t.name && listedCron(e.Config) === t.config);
  const stale = existing.filter((e) => !triggers.some((t) => t.name === e.Name && listedCron(e.Config) === t.config));
  for (const trigger of stale) await manager.functions.deleteFunctionTrigger(name, trigger.Name);
  const toCreate = triggers.filter((t) => !unchanged(t));
  if (toCreate.length > 0) await manager.functions.createFunctionTriggers(name, toCreate);
  return `新建 ${toCreate.length}，删除 ${stale.length}，不变 ${triggers.length - toCreate.length}`;
}

async function runStep(step: Step, clients: Clients, context: ExecutionContext): Promise<string> {
  switch (step.kind) {
    case 'collection': {
      const result = await (await clients.manager()).database.createCollectionIfNotExists(step.collection);
      return result.IsCreated ? '已创建' : '已存在，跳过';
    }
    case 'indexes':
      return applyIndexes(await clients.manager(), step.collection, step.indexes);
    case 'permission':
      await (
        await clients.manager()
      ).permission.modifyResourcePermission({
        resourceType: 'collection',
        resource: step.collection,
        permission: step.permission,
        ...(step.rule ? { securityRule: step.rule } : {}),
      });
      return `已设为 ${step.permission}`;
    case 'function':
      await (
        await clients.manager()
      ).functions.createFunction({
        func: {
          name: step.name,
          timeout: step.timeout,
          runtime: step.runtime,
          handler: 'index.main',
          installDependency: true,
          ignore: [],
        },
        functionRootPath: path.resolve(context.root, step.root),
        force: true,
      });
      return '已上传（新建或覆盖更新）';
    case 'triggers':
      return applyTriggers(await clients.manager(), step.name, step.triggers);
    case 'weapp': {
      const ci = await clients.ci();
      const project = new ci.Project({
        appid: step.appId,
        type: 'miniProgram',
        projectPath: path.resolve(context.root, step.projectPath),
        privateKey: context.secrets.uploadKey,
        ignores: ['node_modules/**/*'],
      });
      const result = await ci.upload({
        project,
        version: step.version,
        desc: step.description,
        robot: 1,
        // The Taro build is already compiled and minified.
        setting: { es6: false, es7: false, minify: false, autoPrefixWXSS: false },
        onProgressUpdate: (task) => {
          if (typeof task !== 'string' && task.status === 'done') context.log(`      ${task.message}`);
        },
      });
      const size = result.subPackageInfo?.find((p) => p.name === '__FULL__')?.size;
      return `已上传为开发版${size ? `（共 ${(size / 1024).toFixed(0)} KB）` : ''}：在小程序后台“版本管理”可见`;
    }
  }
}

/** Which secrets a set of steps needs, by name, for a clear refusal before anything starts. */
export function missingSecrets(steps: Step[], secrets: DeploySecrets): string[] {
  const groups = new Set(steps.map((s) => STEP_GROUP[s.kind]));
  const missing: string[] = [];
  if ((groups.has('database') || groups.has('functions')) && !(secrets.secretId && secrets.secretKey)) {
    missing.push(
      '腾讯云 API 密钥：TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（或 deploy.secrets.json 的 tencentCloudSecretId / tencentCloudSecretKey）',
    );
  }
  if (groups.has('weapp') && !secrets.uploadKey) {
    missing.push('小程序代码上传密钥：MINIPROGRAM_UPLOAD_KEY_PATH（或 deploy.secrets.json 的 uploadPrivateKeyPath）');
  }
  return missing;
}

/** Runs the steps in order, reporting each; stops at the first failure (re-running resumes safely). */
export async function executePlan(steps: Step[], context: ExecutionContext): Promise<boolean> {
  const clients = lazyClients(context);
  for (const [i, step] of steps.entries()) {
    const label = `[${i + 1}/${steps.length}] ${describeStep(step)}`;
    context.log(label);
    try {
      context.log(`      ✓ ${await runStep(step, clients, context)}`);
    } catch (error) {
      const { message, code } = error as { message?: string; code?: string | number };
      context.log(`      ✗ 失败${code ? `（${code}）` : ''}：${redact(String(message ?? error), context.secrets)}`);
      context.log('      改正后重新运行同一条命令即可：已完成的步骤会被跳过或原样覆盖。');
      return false;
    }
  }
  return true;
}
