import fs from 'node:fs';
import * as z from 'zod';

const fieldName = z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, '字段名只能由字母、数字、下划线和点组成');

export const indexDeclarationSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_]+$/, '索引名只能由字母、数字和下划线组成'),
  keys: z.array(z.object({ field: fieldName, direction: z.union([z.literal(1), z.literal(-1)]) })).min(1),
  unique: z.boolean().optional(),
});

/** A custom security rule (安全规则) that still denies every client read and write. */
const denyAllRule = z.object({ read: z.literal(false), write: z.literal(false) });

export const collectionDeclarationSchema = z.discriminatedUnion('permission', [
  z.object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, '集合名只能由字母、数字、下划线和短横线组成'),
    permission: z.literal('ADMINONLY'),
    indexes: z.array(indexDeclarationSchema).default([]),
  }),
  z.object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, '集合名只能由字母、数字、下划线和短横线组成'),
    permission: z.literal('CUSTOM'),
    rule: denyAllRule,
    indexes: z.array(indexDeclarationSchema).default([]),
  }),
]);

/**
 * cloudfunctions/database.json: every collection with its indexes and its permission rule. Clients never
 * touch the database directly, so the only rules accepted are ADMINONLY (仅管理端可读写) or a custom rule
 * that denies both reads and writes.
 */
export const databaseDeclarationSchema = z.looseObject({
  $comment: z.string().optional(),
  collections: z.array(collectionDeclarationSchema),
});

export type IndexDeclaration = z.infer<typeof indexDeclarationSchema>;
export type CollectionDeclaration = z.infer<typeof collectionDeclarationSchema>;

export function readDatabaseDeclaration(file: string): CollectionDeclaration[] {
  const parsed = databaseDeclarationSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(
      `${file} 格式不对（客户端一律不能直接读写数据库：权限只能是 ADMINONLY，或拒绝读写的自定义规则）：\n${lines.join('\n')}`,
    );
  }
  return parsed.data.collections;
}
