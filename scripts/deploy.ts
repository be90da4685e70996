/**
 * Deploys this repository to one town's WeChat cloud-development environment (docs/DEPLOY.md).
 *
 *   npm run deploy -- --dry-run                 what a deploy would do, and every problem in the way
 *   npm run deploy                              do it (needs the secrets, see docs/DEPLOY.md)
 *   npm run deploy -- --only database,functions only these parts (database, functions, weapp)
 *
 * Exits non-zero when the configuration or the builds have a problem that would make a deploy fail.
 */
import path from 'node:path';
import { executePlan, missingSecrets } from './deploy/execute';
import { gatherInputs } from './deploy/gather';
import {
  ALL_GROUPS,
  STEP_GROUP,
  describeStep,
  planDeploy,
  problemsBlocking,
  type Plan,
  type Problem,
  type StepGroup,
} from './deploy/plan';
import { mask, readSecrets, type DeploySecrets } from './deploy/secrets';

const ROOT = path.resolve(__dirname, '..');

interface Options {
  dryRun: boolean;
  only: StepGroup[];
}

function parseArguments(args: string[]): Options {
  const options: Options = { dryRun: false, only: ALL_GROUPS };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--only') {
      const wanted = (args[++i] ?? '').split(',').filter(Boolean);
      const unknown = wanted.filter((g) => !ALL_GROUPS.includes(g as StepGroup));
      if (wanted.length === 0 || unknown.length > 0)
        throw new Error(`--only 只接受 ${ALL_GROUPS.join(',')}，收到“${args[i] ?? ''}”`);
      options.only = wanted as StepGroup[];
    } else throw new Error(`不认识的参数 ${arg}；可用：--dry-run、--only ${ALL_GROUPS.join(',')}`);
  }
  return options;
}

function printProblems(title: string, problems: Problem[]): void {
  if (problems.length === 0) return;
  console.log(`\n${title}（${problems.length}）：`);
  for (const p of problems) console.log(`  ✗ [${p.code}] ${p.message}\n      → ${p.fix}`);
}

function printPlan(plan: Plan, options: Options): void {
  const steps = plan.steps.filter((s) => options.only.includes(STEP_GROUP[s.kind]));
  console.log(
    `红邻部署${options.dryRun ? '（演练，不做任何改动）' : ''}：AppID ${plan.appId || '（未填）'}，云开发环境 ${plan.cloudEnv || '（未填）'}`,
  );
  console.log(`\n将按顺序执行 ${steps.length} 步：`);
  steps.forEach((s, i) => console.log(`  ${String(i + 1).padStart(2)}. ${describeStep(s)}`));
  console.log('\n需要在后台手工完成（每次部署前核对一遍，见 docs/DEPLOY.md）：');
  for (const task of plan.manual) console.log(`  • ${task.title}：${task.detail}`);
  printProblems('提醒', plan.warnings);
  const blocking = problemsBlocking(plan.problems, options.only);
  printProblems(
    '不影响这次所选部分的问题',
    plan.problems.filter((p) => !blocking.includes(p)),
  );
  printProblems('问题：改正后才能部署', blocking);
}

function printSecrets(secrets: DeploySecrets): void {
  const shown = [
    secrets.secretId ? `SecretId ${mask(secrets.secretId)}（${secrets.sources.SecretId}）` : 'SecretId 未提供',
    secrets.secretKey ? `SecretKey ****（${secrets.sources.SecretKey}）` : 'SecretKey 未提供',
    secrets.uploadKey ? `上传密钥 已提供（${secrets.sources['上传密钥']}）` : '上传密钥 未提供',
  ];
  console.log(`\n凭据：${shown.join('；')}`);
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const plan = planDeploy(gatherInputs({ root: ROOT }));
  printPlan(plan, options);
  let secrets: DeploySecrets;
  try {
    secrets = readSecrets(ROOT);
  } catch (error) {
    console.log(`\n✗ ${(error as Error).message}`);
    return 1;
  }
  printSecrets(secrets);
  const blocking = problemsBlocking(plan.problems, options.only);
  if (blocking.length > 0) {
    console.log(`\n有 ${blocking.length} 个问题，${options.dryRun ? '真正部署会失败' : '没有做任何改动'}。`);
    return 1;
  }
  const steps = plan.steps.filter((s) => options.only.includes(STEP_GROUP[s.kind]));
  if (options.dryRun) {
    const missing = missingSecrets(steps, secrets);
    console.log(
      missing.length > 0
        ? `\n演练通过。真正部署前还需提供：\n${missing.map((m) => `  • ${m}`).join('\n')}`
        : '\n演练通过：去掉 --dry-run 即可部署。',
    );
    return 0;
  }
  const missing = missingSecrets(steps, secrets);
  if (missing.length > 0) {
    console.log(
      `\n缺少凭据，没有做任何改动：\n${missing.map((m) => `  • ${m}`).join('\n')}\n（见 docs/DEPLOY.md 第 4 步）`,
    );
    return 1;
  }
  console.log('\n开始部署：');
  const done = await executePlan(steps, {
    root: ROOT,
    cloudEnv: plan.cloudEnv,
    secrets,
    log: (line) => console.log(line),
  });
  if (done) console.log('\n部署完成。按 docs/DEPLOY.md 第 12 步检查是否生效。');
  return done ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
