// One guard under every write, whoever makes it: each record must pass its table's schema from
// shared/ledger/records.ts, and the append-only books (meals, voids, closings, audit) refuse edits and
// deletes. Only a restore, replacing the whole database with a checked backup, may empty them.
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { APPEND_ONLY_TABLES, TABLE_SCHEMAS, type TableName } from '../../shared/ledger/records';

export class GuardError extends Error {}

function refusal(table: string, request: DBCoreMutateRequest, replacing: boolean): GuardError | null {
  if (APPEND_ONLY_TABLES.has(table as TableName) && !replacing) {
    if (request.type === 'put') return new GuardError(`账本记录（${table}）只能追加，不能修改`);
    if (request.type === 'delete' || request.type === 'deleteRange') return new GuardError(`账本记录（${table}）不能删除`);
  }
  const schema = TABLE_SCHEMAS[table as TableName];
  if (schema && (request.type === 'add' || request.type === 'put')) {
    for (const value of request.values) {
      // Checked, not transformed: what is stored is exactly what was hashed and handed in.
      const checked = schema.safeParse(value);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return new GuardError(`${table} 记录无效：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
      }
    }
  }
  return null;
}

export function guardMiddleware(isReplacing: () => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'canteen-guard',
    create: (down) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request) => {
            const refused = refusal(name, request, isReplacing());
            return refused ? Promise.reject(refused) : table.mutate(request);
          },
        };
      },
    }),
  };
}
