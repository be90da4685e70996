import fs from 'node:fs';
import path from 'node:path';
import { GUIDELINE } from '../../src/packages/account/guideline';

/**
 * Every sentence of the in-app privacy guideline that says who sees what (or what others are shown) names the tests
 * that hold the code to it, through the local cloud: a new or reworded sentence fails here until it is tied to its
 * tests, and a renamed or removed test fails here too. Each check is a file and a text it holds (a test's title,
 * or an access fixture's line).
 */
const ROOT = path.resolve(__dirname, '..', '..');
type Check = [file: string, holds: string];

const CHECKED_BY: Record<string, Check[]> = {
  '手机号（选填）：只有您本人能看到完整号码；不会被自动填到诉求或走访记录里。': [
    [
      'tests/functions/user/people.test.ts',
      'masks the phone of someone whose home is outside the viewer’s admin scope',
    ],
    [
      'tests/functions/visit/visit.test.ts',
      'never copies the household list’s phone into its requests; a number given there and then goes with them',
    ],
  ],
  '您自愿记录的观看影片记录：只有您本人能看到，不统计时长，不排名。': [
    ['tests/functions/video/video.test.ts', 'is voluntary, private, idempotent and has no minutes'],
  ],
  '邻长代居民反映问题时，会记录居民的称呼和联系电话，只给办理这件事的人看。': [
    ['tests/functions/request/request.test.ts', 'a reported resident’s name and phone are shown to handlers only'],
  ],
  '您资料里的完整手机号只有您本人能看到，其他人（包括管理员）看到的是 138****5678 这样的形式；诉求上的联系电话是您（或代您反映的邻长）为这件事留下的，只给办理这件事的人看。':
    [
      [
        'tests/functions/user/people.test.ts',
        'masks the phone of someone whose home is outside the viewer’s admin scope',
      ],
      ['tests/functions/request/request.test.ts', 'a reported resident’s name and phone are shown to handlers only'],
      ['tests/functions/request/trust.test.ts', 'a follower sees no photos, point, parties, phone'],
    ],
  '诉求由负责的邻长、组长、片长和管理员按单位办理；他们只能看到自己负责范围内的内容。': [
    ['tests/functions/request/request.test.ts', 'the unit list shows what waits in the head’s unit and below'],
    [
      'tests/functions/request/request.test.ts',
      'a head of another neighbourhood, a group head below-level, a member and a villager cannot accept',
    ],
  ],
  '承诺经支部审核后会在本村承诺墙上公开，这是“亮诺”的一部分。': [
    ['tests/functions/pledge/pledge.test.ts', 'the wall sees approved pledges only'],
  ],
  '党员花名册和片组邻长名单只有镇、村管理员能导出查看；支部书记给出的加入码只列出还没有认领的姓名，从不显示手机号。': [
    [
      'tests/functions/access-fixtures/roster.ts',
      "export: { input: { kind: 'members', unitId: UNIT.xicaoping }, allowed: admins, denied: outsiders }",
    ],
    [
      'tests/functions/roster/roster.test.ts',
      'lets a member who opens the app find their name with the code and link it',
    ],
  ],
  '住户名单只给负责这个单位的片长、组长、邻长和本村、镇管理员看，其他村的人看不到；户主手机号只有本村管理员能看到完整号码，片组邻长和镇管理员看到的是 138****5678 这样的形式。':
    [
      [
        'tests/functions/access-fixtures/org.ts',
        'listHouseholds: { input: { unitId: UNIT.xcpNeighbourhood1 }, allowed: keepers, denied: notKeepers }',
      ],
      [
        'tests/functions/org/households.test.ts',
        'lets a neighbour head add a household they meet, once per requestId, with the phone masked for them',
      ],
      [
        'tests/functions/roster/roster.test.ts',
        'exports the households with phones in full for the village’s admin and masked for the town',
      ],
    ],
  '文字和图片会经过微信内容安全检测：不合规的文字不会被保存；图片在检测通过前只有上传的人和办理这件事的人能看到（显示“图片审核中”），通过后才给其他人看，不合规的图片会被删除。':
    [
      [
        'tests/functions/content/pending.test.ts',
        'hides a pending photo from a villager, shows it to its owner and the branch as pending',
      ],
      ['tests/functions/content/pending.test.ts', 'takes a refused photo off for everyone, and out of storage'],
      ['tests/functions/activity/activity.test.ts', 'shows a photo still in the image check to the organiser only'],
    ],
  '您可以随时在“我的 → 注销账号”里注销：您的账号、称呼、头像、手机号和角色会被删除，您上传的照片会从云存储中删除，观影记录会被删除；您参与过的诉求、承诺、走访、签到等记录只保留办事内容和统计数字，其中您的姓名、手机号和微信身份都会被抹去，显示为“已注销用户”，统计数字不变。':
    [
      ['tests/functions/user/erase.test.ts', 'leaves their openid, name and phone in no document of any collection'],
      ['tests/functions/user/erase.test.ts', 'keeps the figures as they were'],
    ],
  '注销时，您认领过的花名册记录会被删除，住户名单里留有您手机号的，这个号码会被去掉。': [
    [
      'tests/functions/roster/roster.test.ts',
      'erases a member who deletes their account: the roster record they linked',
    ],
  ],
};

/** A sentence that says who sees something, or what is shown to whom. */
const SAYS_WHO_SEES = /看到|看不到|给.*看|公开|显示|查看/;
const sentences = GUIDELINE.flatMap((section) => section.items);

describe('the privacy guideline’s sentences on who sees what', () => {
  it('ties every such sentence to its tests', () => {
    expect(sentences.filter((s) => SAYS_WHO_SEES.test(s) && !CHECKED_BY[s])).toEqual([]);
  });

  it('ties only sentences the guideline says', () => {
    expect(Object.keys(CHECKED_BY).filter((s) => !sentences.includes(s))).toEqual([]);
  });

  it.each(Object.entries(CHECKED_BY).flatMap(([, checks]) => checks))('%s holds “%s”', (file, holds) => {
    expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toContain(holds);
  });
});
