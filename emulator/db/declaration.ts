import fs from 'node:fs';

export interface IndexDeclaration {
  name: string;
  keys: { field: string; direction: 1 | -1 }[];
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  permission: string;
  indexes: IndexDeclaration[];
}

const FIELD = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/** Reads cloudfunctions/database.json (or a file of the same shape). */
export function readDeclaration(file: string): CollectionDeclaration[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: CollectionDeclaration[] };
  const collections = parsed.collections ?? [];
  for (const c of collections) {
    for (const index of c.indexes ?? []) {
      for (const key of index.keys) {
        if (!FIELD.test(key.field))
          throw new Error(`${file}: index ${c.name}.${index.name} has an unsupported field name ${key.field}`);
      }
    }
  }
  return collections.map((c) => ({ ...c, indexes: c.indexes ?? [] }));
}
