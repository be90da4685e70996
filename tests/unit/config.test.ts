import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REQUEST_CATEGORIES } from '@honglin/types/request';
import { readHonglinConfig } from '../../scripts/deploy/config';

const REPO_CONFIG = path.resolve(__dirname, '../../config/honglin.json');

/** config/honglin.json with `change` applied, written to a temporary file. */
function configWith(change: (config: { requestTimeLimits: Record<string, unknown> }) => void): string {
  const config = JSON.parse(fs.readFileSync(REPO_CONFIG, 'utf8'));
  change(config);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-config-')), 'honglin.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

test('the repository config gives every request category its time limit', () => {
  const { requestTimeLimits } = readHonglinConfig(REPO_CONFIG);
  for (const category of REQUEST_CATEGORIES) expect(requestTimeLimits[category].resolveHours).toBeGreaterThan(0);
});

test('a request category without its time limit is refused when the config is read (build and deploy)', () => {
  const file = configWith((c) => delete c.requestTimeLimits.dispute);
  expect(() => readHonglinConfig(file)).toThrow(/requestTimeLimits\.dispute/);
});

test('a time limit that is not a positive number of hours is refused', () => {
  const file = configWith((c) => (c.requestTimeLimits.acceptHours = 0));
  expect(() => readHonglinConfig(file)).toThrow(/requestTimeLimits\.acceptHours/);
});
