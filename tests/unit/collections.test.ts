import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/common/collections';

const declaration = JSON.parse(readFileSync(path.resolve(__dirname, '../../cloudfunctions/database.json'), 'utf8')) as {
  collections: Array<{ name: string }>;
};

test('the functions name exactly the collections cloudfunctions/database.json declares', () => {
  const declared = declaration.collections.map((c) => c.name).sort();
  expect(Object.values(COLLECTIONS).sort()).toEqual(declared);
});
