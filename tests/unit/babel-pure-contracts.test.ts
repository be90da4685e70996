import { transformSync } from '@babel/core';
import * as z from 'zod';

/** config/babel-pure-contracts.js: what lets the client bundles drop the schemas of types/ they do not use. */
const pureContracts = require.resolve('../../config/babel-pure-contracts.js');

function transform(source: string): string {
  const result = transformSync(source, {
    filename: 'contract.ts',
    babelrc: false,
    configFile: false,
    plugins: [pureContracts, '@babel/plugin-syntax-typescript'],
  });
  return result?.code ?? '';
}

test('wraps a top-level schema, object or array in an IIFE marked pure, and leaves literals, names and functions', () => {
  const code = transform(`
    import * as z from 'zod';
    export const KINDS = ['a', 'b'] as const;
    export const LABELS = { a: 'A', b: 'B' };
    export const idSchema = z.string().min(1);
    const listPage = { cursor: idSchema };
    export const alias = idSchema;
    export const LIMIT = 9;
    const text = (max: number) => z.string().max(max);
  `);
  expect(code).toContain('export const KINDS = /*#__PURE__*/(() => [');
  expect(code).toContain('export const LABELS = /*#__PURE__*/(() => ({');
  expect(code).toContain('export const idSchema = /*#__PURE__*/(() => z.string().min(1))();');
  expect(code).toContain('const listPage = /*#__PURE__*/(() => ({');
  expect(code).toContain('export const alias = idSchema;');
  expect(code).toContain('export const LIMIT = 9;');
  expect(code).toContain('const text = (max: number) => z.string().max(max);');
});

test('leaves a statement of its own (a side effect that must run) as it is', () => {
  const code = transform(`import * as z from 'zod';\nz.config({ jitless: true });\nlet counter = make();`);
  expect(code).toContain('z.config({\n  jitless: true\n});');
  expect(code).toContain('let counter = make();');
});

test('a wrapped schema is the same schema: it runs at once and validates as before', () => {
  const code = transform(`export const phoneSchema = z.string().regex(/^1\\d{10}$/, '请填写11位手机号');`).replace(
    'export ',
    '',
  );
  const phoneSchema = new Function('z', `${code}; return phoneSchema;`)(z) as z.ZodString;
  expect(phoneSchema.safeParse('13800000000').success).toBe(true);
  expect(phoneSchema.safeParse('123').error?.issues[0].message).toBe('请填写11位手机号');
});
