import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildClaim } from './claims/build-claim';
import { ClaimSchema, ManifestSchema } from './claims/claim-schema';
import { LI, WANG, aClosing, aHeader, aKey, aMeal, aVoid, books } from './claims/test-fixtures';
import { acceptedAsIs, walkedParser, withFastPath } from './fast-parse';
import { validate } from './validation';

const key = await aKey();
const october = [aMeal(1, '2026-10-08T11:30:00+08:00', WANG), aMeal(2, '2026-10-09T11:40:00+08:00', LI)];
const november = [aMeal(5, '2026-11-02T11:30:00+08:00', WANG), aMeal(6, '2026-11-03T11:30:00+08:00', LI)];
const ledger = books([...october, ...november], [aVoid(7, october[1]!, '2026-11-03T09:00:00+08:00')], [aClosing(4, '2026-10')]);
const claim = JSON.parse(JSON.stringify(buildClaim(aHeader('2026-11', key.info), { ...ledger, meals: november }))) as unknown;
const manifest: unknown = {
  schema: 'canteen-claim-manifest/2',
  claimSchema: 'canteen-claim/1',
  canteenCode: 'ZC-001',
  canteenName: '荔城街长者饭堂',
  month: '2026-11',
  revision: 1,
  replaces: null,
  exportedAt: '2026-11-28T18:00:00+08:00',
  files: ['claim.json', 'claim.xlsx', 'claim.csv'].map((name) => ({ name, sha256: 'a'.repeat(64), bytes: 10 })),
  counts: { lines: 2, persons: 2, adjustments: 1 },
  totals: (claim as { totals: unknown }).totals,
  publicKey: key.info,
  ledgerHead: { seq: 9, hash: 'b'.repeat(64) },
  signature: { algorithm: 'Ed25519', value: 'AAAA' },
};

/** Every object and array in a JSON value, with how to reach it. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const inner = Object.entries(value).flatMap(([k, v]) => places(v, [...path, Array.isArray(value) ? Number(k) : k]));
  return [path, ...inner];
}
const at = (value: unknown, path: readonly (string | number)[]) => path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], value);

const odd = fc.constantFrom<unknown>('', 'x', '2026-02-30', '2026-11-02T11:30:00', 0, -1, 1.5, 2 ** 60, null, true, [], {}, ['x'], 'dine_in', 'cash', 'T1', 99999999);
/** The value with one edit somewhere: a key dropped, added, or given another value; an array emptied or grown. */
function mutated(source: unknown) {
  const targets = places(source);
  return fc.tuple(fc.nat(targets.length - 1), fc.nat(), fc.constantFrom('drop', 'add', 'set', 'empty', 'grow'), fc.oneof(odd, fc.jsonValue({ maxDepth: 1 }))).map(([t, k, edit, value]) => {
    const copy = structuredClone(source);
    const node = at(copy, targets[t]!) as Record<string, unknown> | unknown[];
    const keys = Object.keys(node);
    const name = keys.length ? keys[k % keys.length]! : 'x';
    if (Array.isArray(node)) {
      if (edit === 'empty') node.length = 0;
      else if (edit === 'grow' && node.length) node.push(structuredClone(node[0]));
      else if (node.length) node[k % node.length] = value;
    } else if (edit === 'drop') delete node[name];
    else if (edit === 'add') node[`extra${k % 3}`] = value;
    else node[name] = value;
    return copy;
  });
}

function agrees(schema: z.ZodType, input: unknown) {
  const walked = walkedParser(schema)(input);
  const parsed = schema.safeParse(input);
  expect(walked !== z.INVALID, JSON.stringify(input)).toBe(parsed.success);
  // The same value, keys in the same order (and a key holding undefined kept as a key).
  if (parsed.success) {
    expect(walked).toStrictEqual(parsed.data);
    expect(JSON.stringify(walked)).toBe(JSON.stringify(parsed.data));
  }
}

describe('walkedParser', () => {
  it('gives what zod gives for a claim and a manifest, keys in the schema’s order', () => {
    agrees(ClaimSchema, claim);
    agrees(ManifestSchema, manifest);
    expect(walkedParser(ClaimSchema)(claim)).toEqual(ClaimSchema.parse(claim));
  });

  it('fills defaults and leaves optional keys out as zod does', () => {
    type Bare = { lines: { resident: { facts: Record<string, unknown> } }[] };
    const bare = structuredClone(claim) as Bare;
    for (const line of bare.lines) {
      delete line.resident.facts.categories;
      delete line.resident.facts.inCareHome;
      delete line.resident.facts.status;
      delete line.resident.facts.hukouArea;
    }
    agrees(ClaimSchema, bare);
    const walked = walkedParser(ClaimSchema)(bare) as typeof bare;
    expect(walked.lines[0]!.resident.facts).toMatchObject({ categories: [], inCareHome: false, status: 'active' });
    expect('hukouArea' in walked.lines[0]!.resident.facts).toBe(false);
  });

  it('treats absent keys, undefined and null as zod does, whatever the wrappers', () => {
    const schemas: z.ZodType[] = [
      z.strictObject({ a: z.unknown() }),
      z.strictObject({ a: z.string().optional() }),
      z.strictObject({ a: z.string().nullable() }),
      z.strictObject({ a: z.string().nullable().optional() }),
      z.strictObject({ a: z.string().optional().nullable() }),
      z.strictObject({ a: z.string().default('d') }),
      z.strictObject({ a: z.string().default('d').optional() }),
      z.strictObject({ a: z.string().optional().default('d') }),
      z.strictObject({ a: z.string().optional().transform((value) => value ?? 'absent') }),
      z.strictObject({ a: z.string().transform((): string | undefined => undefined).default('d') }),
      z.strictObject({ a: z.array(z.string()).min(1).default(['d']) }),
      z.object({ a: z.string() }),
      z.object({ a: z.string() }).catchall(z.number()),
      z.strictObject({ a: z.number() }).refine((value) => value.a > 1),
    ];
    schemas.push(
      ...[z.number(), z.number().int().min(2), z.coerce.number(), z.email(), z.string().regex(/^x/), z.enum(['x', 'y']), z.literal(2), z.boolean(), z.string().min(2)].map((a) => z.strictObject({ a })),
    );
    const inputs = [{}, { a: undefined }, { a: null }, { a: 'x' }, { a: 'xx' }, { a: 'a@b.cn' }, { a: 2 }, { a: 2.5 }, { a: Number.NaN }, { a: Infinity }, { a: '3' }, { a: true }, { a: [] }, { a: ['x'] }, { a: 'x', b: 1 }, { a: 2, b: 'x' }, null, [], 'x'];
    for (const schema of schemas) for (const input of inputs) agrees(schema, input);
  });

  it('accepts exactly what zod accepts, one edit anywhere in a claim or a manifest', () => {
    fc.assert(fc.property(mutated(claim), (input) => agrees(ClaimSchema, input)), { numRuns: 1500 });
    fc.assert(fc.property(mutated(manifest), (input) => agrees(ManifestSchema, input)), { numRuns: 500 });
    fc.assert(fc.property(fc.jsonValue(), (input) => agrees(ClaimSchema, input)), { numRuns: 200 });
  });
});

/** acceptedAsIs says yes only where zod accepts the input and gives back a value equal to it (keys in any order). */
function asIsAgrees(schema: z.ZodType, input: unknown): boolean {
  const asIs = acceptedAsIs(schema)(input);
  if (asIs) {
    const parsed = schema.safeParse(input);
    expect(parsed.success, JSON.stringify(input)).toBe(true);
    expect(sorted(parsed.data), JSON.stringify(input)).toStrictEqual(sorted(input));
  }
  return asIs;
}
/** A value with every object's keys in one order, for comparing values whatever their keys' order. */
const sorted = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(sorted) : typeof value === 'object' && value !== null ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])])) : value;

describe('acceptedAsIs', () => {
  const Lines = ClaimSchema.shape.lines;
  type Lines = { resident: { facts: Record<string, unknown> } & Record<string, unknown> }[];
  const lines = (claim as { lines: Lines }).lines;

  it('takes the lines of a claim as the till writes them, and a manifest', () => {
    expect(asIsAgrees(Lines, lines)).toBe(true);
    expect(asIsAgrees(ManifestSchema, manifest)).toBe(true);
    // The embedded policies leave defaults out: zod would fill them in.
    expect(asIsAgrees(ClaimSchema, claim)).toBe(false);
  });

  it('says no where zod would fill in a default or refuses, yes where an optional key is left out', () => {
    const bare = structuredClone(lines);
    delete bare[0]!.resident.facts.status;
    expect(asIsAgrees(Lines, bare)).toBe(false);
    const optionalLeftOut = structuredClone(lines);
    delete optionalLeftOut[0]!.resident.facts.hukouArea;
    expect(asIsAgrees(Lines, optionalLeftOut)).toBe(true);
    const extra = structuredClone(lines);
    extra[1]!.resident.note = 'x';
    expect(asIsAgrees(Lines, extra)).toBe(false);
  });

  it('never says yes where zod refuses or changes something: one edit anywhere, wrappers of every kind', () => {
    fc.assert(fc.property(mutated(lines), (input) => void asIsAgrees(Lines, input)), { numRuns: 1500 });
    fc.assert(fc.property(mutated(claim), (input) => void asIsAgrees(ClaimSchema, input)), { numRuns: 300 });
    fc.assert(fc.property(mutated(manifest), (input) => void asIsAgrees(ManifestSchema, input)), { numRuns: 300 });
    const schemas: z.ZodType[] = [
      z.strictObject({ a: z.string().optional() }),
      z.strictObject({ a: z.string().nullable() }),
      z.strictObject({ a: z.string().default('d') }),
      z.strictObject({ a: z.string().optional().default('d') }),
      z.strictObject({ a: z.string().transform((value) => value.toUpperCase()) }),
      z.strictObject({ a: z.coerce.number() }),
      z.object({ a: z.string() }),
      z.strictObject({ a: z.number() }).refine((value) => value.a > 1),
      z.strictObject({ a: z.array(z.number()).min(1) }),
    ];
    const inputs = [{}, { a: undefined }, { a: null }, { a: 'x' }, { a: 'X' }, { a: 2 }, { a: 0 }, { a: '3' }, { a: [] }, { a: [1] }, { a: 'x', b: 1 }, null, [], 'x'];
    for (const schema of schemas) for (const input of inputs) asIsAgrees(schema, input);
    // A transform that gives back another value, a coercion, a key zod strips, a default: never as is.
    expect(asIsAgrees(z.strictObject({ a: z.string().transform((value) => value.toUpperCase()) }), { a: 'x' })).toBe(false);
    expect(asIsAgrees(z.strictObject({ a: z.coerce.number() }), { a: '3' })).toBe(false);
    expect(asIsAgrees(z.object({ a: z.string() }), { a: 'x', b: 1 })).toBe(false);
    expect(asIsAgrees(z.strictObject({ a: z.string().default('d') }), {})).toBe(false);
    expect(asIsAgrees(z.strictObject({ a: z.string().nullable() }), { a: null })).toBe(true);
  });
});

describe('withFastPath', () => {
  it('validates as the schema does, with zod’s own issues for what it refuses, by either fast path', () => {
    const walked = z.withParser(ClaimSchema, walkedParser(ClaimSchema) as (input: unknown) => z.output<typeof ClaimSchema>);
    for (const schema of [withFastPath(ClaimSchema), walked]) {
      expect(validate(schema, claim)).toEqual(validate(ClaimSchema, claim));
      fc.assert(
        fc.property(mutated(claim), (input) => {
          expect(validate(schema, input)).toEqual(validate(ClaimSchema, input));
        }),
        { numRuns: 300 },
      );
    }
  });
});

describe('a category a hostile file writes as an object', () => {
  it('is refused with the Chinese message, not a TypeError', async () => {
    const { CategoryCodeSchema } = await import('./atoms');
    const parsed = CategoryCodeSchema.safeParse({ toString: false });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('未知的人员类别“{"toString":false}”');
  });
});
