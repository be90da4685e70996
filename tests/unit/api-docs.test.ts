import fs from 'node:fs';
import { functionNames } from '../../scripts/build-functions';
import {
  API_DOC,
  committedTable,
  contractActions,
  contractFile,
  contractTable,
  docFile,
  functionsTable,
} from '../../scripts/api-docs';

/**
 * docs/api/<function>.md and docs/API.md against the contract types/contract/<function>.ts (the server's table and the app's API
 * are held to the same contract by the compiler): its generated table is what `npm run docs:api` writes now.
 */
describe.each(functionNames())('%s', (fn) => {
  it('has a contract, and each of its actions a one-line description', () => {
    expect(fs.existsSync(contractFile(fn))).toBe(true);
    const actions = contractActions(fn);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => !a.description).map((a) => a.name)).toEqual([]);
  });

  it('lists exactly the contract’s actions in its doc, as the contract describes them (npm run docs:api)', () => {
    const committed = committedTable(fs.readFileSync(docFile(fn), 'utf8'));
    expect(committed).toBe(contractTable(fn));
  });
});

test('docs/API.md lists every function with exactly its contract’s actions (npm run docs:api)', () => {
  expect(committedTable(fs.readFileSync(API_DOC, 'utf8'))).toBe(functionsTable());
});
