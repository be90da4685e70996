/**
 * The deployment plan: from what the repository declares and holds (configuration, collections, function
 * sources and bundles, what the code uses, the weapp build), the ordered steps a deploy performs and every
 * problem that would make it fail, each with its fix. Pure: everything is read beforehand (gather.ts), so
 * the plan is tested without a cloud, and the executor is a thin loop over its steps.
 */
import {
  APP_ID_PATTERN,
  LOCAL_TEMPLATE_PREFIX,
  OPENID_PATTERN,
  PLACEHOLDER_APP_ID,
  PLACEHOLDER_CLOUD_ENV,
  type HonglinConfig,
} from './config';
import type { CollectionDeclaration, IndexDeclaration } from './declaration';
import { cronProblem, type FunctionConfig, type TimerTrigger } from './functionConfig';
import type { CollectionUse, SourceSite, TemplateUse } from './scan';

/** Node runtime of the deployed functions; the bundles target node16 (scripts/build-functions.ts). */
export const FUNCTION_RUNTIME = 'Nodejs16.13';

/** A value read from a file, or why it could not be. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

export interface FunctionInput {
  name: string;
  /** cloudfunctions/<name>/config.json: absent (null) or read. */
  sourceConfig: Read<FunctionConfig> | null;
  /** dist/cloudfunctions/<name>/: null when not built. */
  bundle: { config: Read<FunctionConfig> | null; stale: boolean } | null;
}

export interface WeappInput {
  /** dist/weapp holds a build (app.json). */
  built: boolean;
  /** The environments the built app.js calls (its cloud.init env; null where it is not a plain id). */
  cloudEnvs: (string | null)[];
  projectPath: string;
  version: string;
  description: string;
}

export interface DeployInputs {
  configFile: string;
  config: Read<HonglinConfig>;
  declarationFile: string;
  collections: Read<CollectionDeclaration[]>;
  functionsRoot: string;
  functions: FunctionInput[];
  usage: { collections: CollectionUse[]; templates: TemplateUse[]; clientTemplates: (SourceSite & { key: string })[] };
  weapp: WeappInput;
  /** The appid of project.config.json (what WeChat DevTools opens). */
  projectAppId: string | null;
}

export type Step =
  | { kind: 'collection'; collection: string }
  | { kind: 'indexes'; collection: string; indexes: IndexDeclaration[] }
  | { kind: 'permission'; collection: string; permission: 'ADMINONLY' | 'CUSTOM'; rule: string | null }
  | { kind: 'function'; name: string; root: string; timeout: number; runtime: string; openapi: string[] }
  | { kind: 'triggers'; name: string; triggers: TimerTrigger[] }
  | { kind: 'weapp'; appId: string; projectPath: string; version: string; description: string };

/** Steps by what they need: the cloud's API keys, or the mini-program's upload key. */
export type StepGroup = 'database' | 'functions' | 'weapp';
export const STEP_GROUP: Record<Step['kind'], StepGroup> = {
  collection: 'database',
  indexes: 'database',
  permission: 'database',
  function: 'functions',
  triggers: 'functions',
  weapp: 'weapp',
};

export interface Problem<Code extends string = ProblemCode | WarningCode> {
  /** Stable identifier, for tests and for searching docs/DEPLOY.md. */
  code: Code;
  message: string;
  fix: string;
}

export const ALL_GROUPS: StepGroup[] = ['database', 'functions', 'weapp'];

/**
 * Which parts of a deploy each problem stops (`--only` deploys the others). Template ids are bundled into
 * the functions and the weapp asks for subscriptions with them; an undeclared collection breaks the
 * functions that use it.
 */
export const PROBLEM_BLOCKS = {
  CONFIG_INVALID: ALL_GROUPS,
  APP_ID_MISSING: ['weapp'],
  APP_ID_INVALID: ['weapp'],
  CLOUD_ENV_MISSING: ['database', 'functions'],
  TEMPLATE_NOT_CONFIGURED: ['functions', 'weapp'],
  TEMPLATE_FIELDS_DIFFER: ['functions', 'weapp'],
  TEMPLATE_LOCAL: ['functions', 'weapp'],
  TEMPLATE_FIELDS_UNMAPPED: ['functions'],
  TEMPLATE_FIELDS_CLASH: ['functions'],
  DECLARATION_INVALID: ['database'],
  COLLECTION_DUPLICATE: ['database'],
  INDEX_DUPLICATE: ['database'],
  COLLECTION_UNDECLARED: ['database', 'functions'],
  FUNCTION_CONFIG_MISSING: ['functions'],
  FUNCTION_CONFIG_INVALID: ['functions'],
  TRIGGER_CRON_INVALID: ['functions'],
  FUNCTION_NOT_BUILT: ['functions'],
  FUNCTION_BUILD_STALE: ['functions'],
  WEAPP_NOT_BUILT: ['weapp'],
  WEAPP_CLOUD_ENV_DIFFERS: ['weapp'],
} satisfies Record<string, StepGroup[]>;

export type ProblemCode = keyof typeof PROBLEM_BLOCKS;
export type WarningCode =
  | 'NO_FIRST_ADMIN'
  | 'ADMIN_OPENID_SUSPICIOUS'
  | 'PROJECT_APP_ID_DIFFERS'
  | 'MESSAGE_PUSH_MISSING'
  | 'NOT_RELEASE_VERSION';

/** The problems that stop a deploy of these parts. */
export function problemsBlocking(problems: Problem<ProblemCode>[], groups: StepGroup[]): Problem<ProblemCode>[] {
  return problems.filter((p) => PROBLEM_BLOCKS[p.code].some((g) => groups.includes(g)));
}

/** Things done by hand in the consoles, reminded on every run (docs/DEPLOY.md says how). */
export interface ManualTask {
  title: string;
  detail: string;
}

export interface Plan {
  appId: string;
  cloudEnv: string;
  steps: Step[];
  problems: Problem<ProblemCode>[];
  warnings: Problem<WarningCode>[];
  manual: ManualTask[];
}

/** The cloud's default function timeout (seconds) when config.json names none. */
const DEFAULT_TIMEOUT = 3;

function where(sites: SourceSite[]): string {
  const shown = sites.slice(0, 3).map((s) => `${s.file}:${s.line}`);
  return sites.length > 3 ? `${shown.join('、')} 等 ${sites.length} 处` : shown.join('、');
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function configProblems(
  config: HonglinConfig,
  inputs: DeployInputs,
  problems: Problem<ProblemCode>[],
  warnings: Problem<WarningCode>[],
): void {
  const file = inputs.configFile;
  if (!config.appId || config.appId === PLACEHOLDER_APP_ID) {
    problems.push({
      code: 'APP_ID_MISSING',
      message: `${file} 的 appId 还是占位值“${config.appId}”`,
      fix: '在微信公众平台“开发管理 → 开发设置”复制小程序的 AppID（wx 开头），填入 appId',
    });
  } else if (!APP_ID_PATTERN.test(config.appId)) {
    problems.push({
      code: 'APP_ID_INVALID',
      message: `${file} 的 appId“${config.appId}”不像小程序 AppID`,
      fix: 'AppID 是 wx 加 16 位十六进制字符，在微信公众平台“开发管理 → 开发设置”复制',
    });
  }
  if (!config.cloudEnv || config.cloudEnv === PLACEHOLDER_CLOUD_ENV) {
    problems.push({
      code: 'CLOUD_ENV_MISSING',
      message: `${file} 的 cloudEnv 还是本地占位值“${config.cloudEnv}”`,
      fix: '在微信开发者工具“云开发控制台 → 设置 → 环境设置”复制环境 ID，填入 cloudEnv',
    });
  }
  const version = config.miniProgramVersion ?? 'release';
  if (version !== 'release') {
    warnings.push({
      code: 'NOT_RELEASE_VERSION',
      message: `${file} 的 miniProgramVersion 是 ${version}：签到码、邀请码和订阅消息打开的是${version === 'trial' ? '体验版' : '开发版'}，只有体验成员能用`,
      fix: '小程序正式发布后把 miniProgramVersion 改为 release，再运行 npm run build:functions 和 npm run deploy -- --only functions',
    });
  }
  if (config.firstTownAdmins.length === 0) {
    warnings.push({
      code: 'NO_FIRST_ADMIN',
      message: `${file} 的 firstTownAdmins 为空：部署后没有人能管理组织和角色`,
      fix: '首次部署后让管理员用自己的微信打开小程序并同意隐私指引，在云开发控制台“数据库 → users”找到他的记录，把 _id（即 OPENID）填入 firstTownAdmins，再运行 npm run build:functions 和 npm run deploy -- --only functions（docs/DEPLOY.md 第 11 步）',
    });
  }
  for (const openid of config.firstTownAdmins) {
    if (!OPENID_PATTERN.test(openid)) {
      warnings.push({
        code: 'ADMIN_OPENID_SUSPICIOUS',
        message: `firstTownAdmins 里的“${openid}”不像微信 OPENID（28 位字母数字）`,
        fix: '从云开发控制台“数据库 → users”复制管理员记录的 _id；本地演示用户的编号在线上无效',
      });
    }
  }
  const used = groupBy(inputs.usage.templates, (t) => t.key);
  for (const [key, sites] of groupBy([...inputs.usage.templates, ...inputs.usage.clientTemplates], (t) => t.key)) {
    if (!(key in config.subscribeTemplates)) {
      problems.push({
        code: 'TEMPLATE_NOT_CONFIGURED',
        message: `代码使用订阅消息模板“${key}”（${where(sites)}），但 ${file} 的 subscribeTemplates 里没有它`,
        fix: `在小程序后台“订阅消息”选用模板，把模板 ID 填为 subscribeTemplates.${key}`,
      });
    }
  }
  for (const [key, sends] of used) {
    const shapes = new Set(sends.map((t) => [...t.fields].sort().join(',')));
    if (shapes.size > 1) {
      problems.push({
        code: 'TEMPLATE_FIELDS_DIFFER',
        message: `订阅消息模板 ${key} 在不同地方发送的字段不一样（${where(sends)}）：${[...shapes].join(' / ')}`,
        fix: '一个模板只有一组字段：让每处 notify 发送同样的字段',
      });
    }
  }
  for (const [key, { id, fields: keywords }] of Object.entries(config.subscribeTemplates)) {
    const fields = [...new Set((used.get(key) ?? []).flatMap((t) => t.fields))];
    if (!id || id.startsWith(LOCAL_TEMPLATE_PREFIX)) {
      problems.push({
        code: 'TEMPLATE_LOCAL',
        message: `订阅消息模板 ${key} 还是本地占位 ID“${id}”`,
        fix: `在小程序后台“功能 → 订阅消息”选用模板，把模板 ID 填为 subscribeTemplates.${key}.id${fields.length > 0 ? `，并在 subscribeTemplates.${key}.fields 里为 ${fields.join('、')} 各填上模板详情里对应的字段名（如 thing1）` : ''}`,
      });
    }
    const unmapped = fields.filter((f) => !keywords[f]);
    if (unmapped.length > 0) {
      problems.push({
        code: 'TEMPLATE_FIELDS_UNMAPPED',
        message: `代码发送模板 ${key} 的字段 ${unmapped.join('、')}，但 subscribeTemplates.${key}.fields 没有为它们指定模板字段`,
        fix: `在 subscribeTemplates.${key}.fields 里为 ${unmapped.join('、')} 填上模板详情里对应的字段名（如 thing1、time2）`,
      });
    }
    const taken = Object.values(keywords);
    const twice = [...new Set(taken.filter((k, i) => taken.indexOf(k) !== i))];
    if (twice.length > 0) {
      problems.push({
        code: 'TEMPLATE_FIELDS_CLASH',
        message: `subscribeTemplates.${key}.fields 把不同的字段填进了同一个模板字段 ${twice.join('、')}`,
        fix: '每个字段对应模板里不同的字段名',
      });
    }
  }
  if (inputs.projectAppId !== null && APP_ID_PATTERN.test(config.appId) && inputs.projectAppId !== config.appId) {
    warnings.push({
      code: 'PROJECT_APP_ID_DIFFERS',
      message: `project.config.json 的 appid 是“${inputs.projectAppId}”，与 ${file} 的 ${config.appId} 不同`,
      fix: '上传不受影响；用微信开发者工具打开项目前，把 project.config.json 的 appid 也改成同一个 AppID',
    });
  }
}

function collectionSteps(
  collections: CollectionDeclaration[],
  inputs: DeployInputs,
  steps: Step[],
  problems: Problem<ProblemCode>[],
): void {
  const declared = new Set<string>();
  for (const c of collections) {
    if (declared.has(c.name)) {
      problems.push({
        code: 'COLLECTION_DUPLICATE',
        message: `${inputs.declarationFile} 两次声明集合 ${c.name}`,
        fix: '合并成一条声明',
      });
      continue;
    }
    declared.add(c.name);
    const names = c.indexes.map((i) => i.name);
    for (const name of names.filter((n, i) => names.indexOf(n) !== i)) {
      problems.push({
        code: 'INDEX_DUPLICATE',
        message: `集合 ${c.name} 有两个同名索引 ${name}`,
        fix: '给索引改一个不同的名字',
      });
    }
    steps.push({ kind: 'collection', collection: c.name });
    if (c.indexes.length > 0) steps.push({ kind: 'indexes', collection: c.name, indexes: c.indexes });
    steps.push(
      c.permission === 'CUSTOM'
        ? { kind: 'permission', collection: c.name, permission: 'CUSTOM', rule: JSON.stringify(c.rule) }
        : { kind: 'permission', collection: c.name, permission: 'ADMINONLY', rule: null },
    );
  }
  for (const [collection, sites] of groupBy(inputs.usage.collections, (u) => u.collection)) {
    if (!declared.has(collection)) {
      problems.push({
        code: 'COLLECTION_UNDECLARED',
        message: `代码使用集合 ${collection}（${where(sites)}），但 ${inputs.declarationFile} 没有声明它`,
        fix: `在 ${inputs.declarationFile} 加上 { "name": "${collection}", "permission": "ADMINONLY", "indexes": [...] }`,
      });
    }
  }
}

function functionSteps(inputs: DeployInputs, steps: Step[], problems: Problem<ProblemCode>[]): void {
  const rebuild = 'npm run build:functions';
  for (const fn of inputs.functions) {
    const sourceFile = `cloudfunctions/${fn.name}/config.json`;
    if (fn.sourceConfig === null) {
      problems.push({
        code: 'FUNCTION_CONFIG_MISSING',
        message: `云函数 ${fn.name} 没有 ${sourceFile}`,
        fix: `新建 ${sourceFile}，写明 timeout 和 permissions.openapi（参照 cloudfunctions/user/config.json）`,
      });
      continue;
    }
    if (!fn.sourceConfig.ok) {
      problems.push({
        code: 'FUNCTION_CONFIG_INVALID',
        message: `${sourceFile} 不对：${fn.sourceConfig.error}`,
        fix: `改正 ${sourceFile}`,
      });
      continue;
    }
    const config = fn.sourceConfig.value;
    for (const trigger of config.triggers ?? []) {
      const problem = cronProblem(trigger.config);
      if (problem) {
        problems.push({
          code: 'TRIGGER_CRON_INVALID',
          message: `${sourceFile} 的定时触发器 ${trigger.name}（“${trigger.config}”）：${problem}`,
          fix: '按“秒 分 时 日 月 星期 年”写 7 个字段，例如每天 9 点：0 0 9 * * * *',
        });
      }
    }
    if (fn.bundle === null) {
      problems.push({
        code: 'FUNCTION_NOT_BUILT',
        message: `云函数 ${fn.name} 还没有构建（dist/cloudfunctions/${fn.name} 不存在）`,
        fix: `运行 ${rebuild}`,
      });
      continue;
    }
    const builtConfig = fn.bundle.config;
    if (
      fn.bundle.stale ||
      builtConfig === null ||
      !builtConfig.ok ||
      JSON.stringify(builtConfig.value) !== JSON.stringify(config)
    ) {
      problems.push({
        code: 'FUNCTION_BUILD_STALE',
        message: `云函数 ${fn.name} 的构建比源码或配置旧（config/honglin.json 也打包在函数里）`,
        fix: `运行 ${rebuild}`,
      });
    }
    steps.push({
      kind: 'function',
      name: fn.name,
      root: inputs.functionsRoot,
      timeout: config.timeout ?? DEFAULT_TIMEOUT,
      runtime: FUNCTION_RUNTIME,
      openapi: config.permissions?.openapi ?? [],
    });
    steps.push({ kind: 'triggers', name: fn.name, triggers: config.triggers ?? [] });
  }
}

function manualTasks(
  config: HonglinConfig | null,
  inputs: DeployInputs,
  warnings: Problem<WarningCode>[],
): ManualTask[] {
  const tasks: ManualTask[] = [
    {
      title: '隐私保护指引',
      detail: '小程序后台“设置 → 服务内容声明 → 用户隐私保护指引”，按 docs/DEPLOY.md 第 6 步填写',
    },
    {
      title: '用户生成内容声明',
      detail: '说明文字和图片都经过 msgSecCheck / mediaCheckAsync 内容安全检测（docs/DEPLOY.md 第 7 步）',
    },
  ];
  if (config) {
    const keys = Object.keys(config.subscribeTemplates);
    if (keys.length > 0)
      tasks.push({ title: '订阅消息模板', detail: `${keys.join('、')}：字段见 docs/DEPLOY.md 第 8 步` });
  }
  const mediaCheck = inputs.functions.some(
    (f) => f.sourceConfig?.ok && (f.sourceConfig.value.permissions?.openapi ?? []).includes('security.mediaCheckAsync'),
  );
  if (config?.messagePush) {
    tasks.push({
      title: '消息推送',
      detail: `云开发控制台“设置 → 其他设置 → 消息推送”：事件 ${config.messagePush.events.join('、')} 推送到云函数 ${config.messagePush.function}`,
    });
  } else if (mediaCheck) {
    warnings.push({
      code: 'MESSAGE_PUSH_MISSING',
      message: '函数会调用 security.mediaCheckAsync（图片检测结果由消息推送送回），但配置里没有 messagePush',
      fix: '在 config/honglin.json 加上 messagePush（接收推送的函数和事件 wxa_media_check），并在云开发控制台配置消息推送',
    });
  }
  return tasks;
}

export function planDeploy(inputs: DeployInputs): Plan {
  const steps: Step[] = [];
  const problems: Problem<ProblemCode>[] = [];
  const warnings: Problem<WarningCode>[] = [];
  const config = inputs.config.ok ? inputs.config.value : null;
  if (!inputs.config.ok) {
    problems.push({
      code: 'CONFIG_INVALID',
      message: inputs.config.error,
      fix: `按 docs/DEPLOY.md 第 3 步改正 ${inputs.configFile}`,
    });
  } else {
    configProblems(inputs.config.value, inputs, problems, warnings);
  }
  if (!inputs.collections.ok) {
    problems.push({
      code: 'DECLARATION_INVALID',
      message: inputs.collections.error,
      fix: `改正 ${inputs.declarationFile}`,
    });
  } else {
    collectionSteps(inputs.collections.value, inputs, steps, problems);
  }
  functionSteps(inputs, steps, problems);
  if (!inputs.weapp.built) {
    problems.push({
      code: 'WEAPP_NOT_BUILT',
      message: `小程序还没有构建（${inputs.weapp.projectPath}/app.json 不存在）`,
      fix: '运行 npm run build:weapp',
    });
  } else {
    const target = config?.cloudEnv ?? '';
    const envs = inputs.weapp.cloudEnvs;
    // Compared only with a real target: a placeholder one is already CLOUD_ENV_MISSING.
    const realTarget = target !== '' && target !== PLACEHOLDER_CLOUD_ENV;
    if (realTarget && (envs.length === 0 || envs.some((env) => env !== target))) {
      const named = envs.length === 0 ? '没有' : envs.map((env) => `“${env ?? '（不是固定的环境 ID）'}”`).join('、');
      problems.push({
        code: 'WEAPP_CLOUD_ENV_DIFFERS',
        message: `构建好的小程序（${inputs.weapp.projectPath}/app.js）调用的云开发环境是 ${named}，而这次部署到 ${target}：上线后每次调用都会去错环境`,
        fix: '改好 config/honglin.json 的 cloudEnv 后重新运行 npm run build:weapp（构建时读取 cloudEnv）',
      });
    }
    steps.push({
      kind: 'weapp',
      appId: config?.appId ?? '',
      projectPath: inputs.weapp.projectPath,
      version: inputs.weapp.version,
      description: inputs.weapp.description,
    });
  }
  return {
    appId: config?.appId ?? '',
    cloudEnv: config?.cloudEnv ?? '',
    steps,
    problems,
    warnings,
    manual: manualTasks(config, inputs, warnings),
  };
}

/** One line saying what a step does, for the dry-run and the progress log. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'collection':
      return `集合 ${step.collection}：不存在则创建`;
    case 'indexes':
      return `集合 ${step.collection} 的索引：${step.indexes
        .map(
          (i) =>
            `${i.name}(${i.keys.map((k) => `${k.field} ${k.direction === 1 ? '↑' : '↓'}`).join(', ')}${i.unique ? ', 唯一' : ''})`,
        )
        .join('；')}`;
    case 'permission':
      return `集合 ${step.collection} 的权限：${step.permission === 'ADMINONLY' ? 'ADMINONLY（仅云函数可读写，客户端一律拒绝）' : `自定义规则 ${step.rule}（客户端一律拒绝）`}`;
    case 'function':
      return `云函数 ${step.name}：上传 ${step.root}/${step.name}（${step.runtime}，超时 ${step.timeout} 秒，云端安装 wx-server-sdk；云调用 ${step.openapi.join(', ') || '无'}）`;
    case 'triggers':
      return step.triggers.length > 0
        ? `云函数 ${step.name} 的定时触发器：${step.triggers.map((t) => `${t.name}“${t.config}”`).join('；')}（多余的删除）`
        : `云函数 ${step.name} 的定时触发器：无（多余的删除）`;
    case 'weapp':
      return `小程序代码：上传 ${step.projectPath} 为开发版 ${step.version}（${step.description}），AppID ${step.appId}`;
  }
}
