/**
 * Carries out a plan's steps against the real cloud: a thin loop, one SDK call (or two) per step, each
 * safe to repeat (create-if-missing, compare-then-change, upload-or-update). The SDKs are loaded only
 * here, when a real deploy runs: @cloudbase/manager-node for the cloud environment, miniprogram-ci for
 * the weapp upload, installed into scripts/deploy-tools the first time (./tools.ts).
 */
import path from 'node:path';
import type { IndexDeclaration } from './declaration';
import { indexChanges, triggerChanges } from './diff';
import type { TimerTrigger } from './functionConfig';
import { STEP_GROUP, describeStep, type Step } from './plan';
import { redact, type DeploySecrets } from './secrets';
import { loadDeployTool, type CloudManager, type CloudManagerClass, type MiniprogramCi } from './tools';

export interface ExecutionContext {
  root: string;
  cloudEnv: string;
  secrets: DeploySecrets;
  log: (line: string) => void;
}

interface Clients {
  manager(): Promise<CloudManager>;
  ci(): Promise<MiniprogramCi>;
}

function lazyClients(context: ExecutionContext): Clients {
  let manager: CloudManager | null = null;
  return {
    async manager() {
      if (!manager) {
        const Manager = loadDeployTool<CloudManagerClass>('@cloudbase/manager-node', context.log);
        const { secretId, secretKey, sessionToken } = context.secrets;
        manager = new Manager({ secretId, secretKey, token: sessionToken, envId: context.cloudEnv });
      }
      return manager;
    },
    ci: async () => loadDeployTool<MiniprogramCi>('miniprogram-ci', context.log),
  };
}

const mgoIndex = (index: IndexDeclaration) => ({
  IndexName: index.name,
  MgoKeySchema: {
    MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
    MgoIsUnique: index.unique ?? false,
  },
});

async function applyIndexes(manager: CloudManager, collection: string, indexes: IndexDeclaration[]): Promise<string> {
  const listed = (await manager.database.describeCollection(collection)).Indexes ?? [];
  const changes = indexChanges(indexes, listed);
  if (changes.drop.length > 0)
    await manager.database.updateCollection(collection, {
      DropIndexes: changes.drop.map((IndexName) => ({ IndexName })),
    });
  if (changes.create.length > 0)
    await manager.database.updateCollection(collection, { CreateIndexes: changes.create.map(mgoIndex) });
  return [
    `新建 ${changes.create.length - changes.drop.length}，重建 ${changes.drop.length}，不变 ${changes.unchanged}`,
    changes.undeclared.length > 0 ? `；云端另有未声明的索引 ${changes.undeclared.join('、')}（保留未动）` : '',
  ].join('');
}

async function applyTriggers(manager: CloudManager, name: string, triggers: TimerTrigger[]): Promise<string> {
  const detail = await manager.functions.getFunctionDetail(name);
  const changes = triggerChanges(triggers, detail.Triggers ?? []);
  for (const trigger of changes.remove) await manager.functions.deleteFunctionTrigger(name, trigger);
  if (changes.create.length > 0) await manager.functions.createFunctionTriggers(name, changes.create);
  return `新建 ${changes.create.length}，删除 ${changes.remove.length}，不变 ${changes.unchanged}`;
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
        // The Taro build is already compiled to ES2017 (npm run size parses every file to check) and minified:
        // what was checked and tested is what phones load.
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
