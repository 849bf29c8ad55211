// A zod schema with a fast path for the valid input it is given most: zod's own compiled parser (z.compile) where
// the platform runs generated code, as Node does for the command line; where it may not, as in the office's
// page (the desktop shell's content security policy forbids eval), the schema walked once into closures
// (walkedParser) and installed with z.withParser, zod's hook for a parser made without eval. Either way zod
// parses again, with its own messages, whatever the fast path does not accept.
//
// A month's claim of 10,000 lines parsed by ClaimSchema, measured on the office bench's packages: in Chromium
// without eval, zod's parser took 205 ms of the page's CPU, the walked one 70 ms; in Node, zod 160-360 ms, the
// walked one 130-160 ms, z.compile's 20-80 ms.
import { z } from 'zod';

/** What a fast parser returns for input it does not accept (zod's own sentinel). */
const INVALID: unknown = z.INVALID;
type Parser = (input: unknown) => unknown;

type Payload = { value: unknown; issues: unknown[] };
type Check = { _zod: { def: { when?: (payload: Payload) => boolean }; check: (payload: Payload) => unknown } };
type Node = {
  _zod: {
    def: { type: string; checks?: readonly Check[]; shape?: Record<string, Node>; catchall?: Node; element?: Node; innerType?: Node };
    run: (payload: Payload, ctx: object) => Payload | Promise<Payload>;
    traits: Set<string>;
    /** An enum's or a literal's values. */
    values?: Set<unknown>;
    optin?: 'optional' | 'defaulted';
    optout?: 'optional';
  };
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Zod's run of one node on one value, its payload reused: a value's type and checks, or a node not walked here. */
function byZod(node: Node): Parser {
  const zod = node._zod;
  const ctx = { async: false };
  const payload: Payload = { value: undefined, issues: [] };
  return (value) => {
    payload.value = value;
    payload.issues.length = 0;
    const result = zod.run(payload, ctx);
    if (result instanceof Promise || result.issues.length) return INVALID;
    return result.value;
  };
}

/** A node's own checks (an array's length, an object's refinements) on its parsed value, each by zod's code. */
function checksOf(node: Node): ((value: unknown) => boolean) | undefined {
  const checks = node._zod.def.checks ?? [];
  if (!checks.length) return undefined;
  const payload: Payload = { value: undefined, issues: [] };
  return (value) => {
    payload.value = value;
    payload.issues.length = 0;
    for (const check of checks) {
      if (check._zod.def.when && !check._zod.def.when(payload)) continue;
      if (check._zod.check(payload) instanceof Promise || payload.issues.length) return false;
    }
    return true;
  };
}

/**
 * The schema as closures: objects, arrays, optional, nullable and default walked here as zod's parser walks them
 * (the same output, keys in the schema's order), strings, numbers, booleans, enums and literals tested for their
 * type as zod tests them and checked by zod's own checks, every other node run by zod itself. INVALID for input
 * it does not accept.
 */
export function walkedParser(schema: z.ZodType): Parser {
  return walk(schema as unknown as Node);
}

function walk(node: Node): Parser {
  const def = node._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape!;
      const keys = Object.keys(shape);
      const strict = def.catchall?._zod.def.type === 'never';
      if ((def.catchall && !strict) || keys.includes('__proto__') || Object.getOwnPropertySymbols(shape).length) return byZod(node);
      const fields = keys.map((key) => ({ key, parse: walk(shape[key]!), optin: shape[key]!._zod.optin, optout: shape[key]!._zod.optout }));
      const known = new Set(keys);
      const checks = checksOf(node);
      return (input) => {
        if (!isObject(input)) return INVALID;
        const out: Record<string, unknown> = {};
        // As zod's handlePropertyResult: a key absent is fine only where the schema allows absence.
        for (const { key, parse, optin, optout } of fields) {
          const present = key in input;
          if (!present && optin === undefined) return INVALID;
          if (!present && optin === 'optional' && optout === 'optional') continue;
          const value = parse(input[key]);
          if (value === INVALID) return INVALID;
          if (value !== undefined) out[key] = value;
          else if (present || (optin === 'defaulted' && optout !== 'optional')) out[key] = undefined;
        }
        if (strict) for (const key in input) if (!known.has(key)) return INVALID;
        return checks && !checks(out) ? INVALID : out;
      };
    }
    case 'array': {
      const element = walk(def.element!);
      const checks = checksOf(node);
      return (input) => {
        if (!Array.isArray(input)) return INVALID;
        const out = new Array<unknown>(input.length);
        for (let i = 0; i < input.length; i++) {
          const value = element(input[i]);
          if (value === INVALID) return INVALID;
          out[i] = value;
        }
        return checks && !checks(out) ? INVALID : out;
      };
    }
    // The wrappers: the value they stand aside for (undefined, null) is zod's to answer; any other goes to the inner node.
    case 'optional':
    case 'nullable':
    case 'default': {
      if (def.checks?.length) return byZod(node);
      const inner = walk(def.innerType!);
      const edge = def.type === 'nullable' ? null : undefined;
      const own = byZod(node);
      if (def.type !== 'default') return (input) => (input === edge ? own(input) : inner(input));
      return (input) => {
        if (input === undefined) return own(input);
        const value = inner(input);
        return value === undefined ? own(undefined) : value;
      };
    }
    // Values: the type as zod's parser tests it, then the value's checks by zod's code. A node that coerces, or
    // that is a check itself (a string format such as z.email()), is zod's to run.
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal': {
      const test = valueTest(node);
      return test ? (input) => (test(input) ? input : INVALID) : byZod(node);
    }
    default:
      return byZod(node);
  }
}

/**
 * A value node as a test: its type as zod's parser tests it, then its checks by zod's code. Undefined for a node
 * that coerces, or that is a check itself (a string format such as z.email()): zod's to run.
 */
function valueTest(node: Node): ((input: unknown) => boolean) | undefined {
  if ((node._zod.def as { coerce?: boolean }).coerce || node._zod.traits.has('$ZodCheck')) return undefined;
  const is = typeTest(node);
  const checks = checksOf(node);
  return checks ? (input) => is(input) && checks(input) : is;
}

/**
 * Whether zod accepts `input` and gives back a value equal to it, key for key (only the keys' order may differ):
 * the input can then stand for zod's output, and a month's lines are not copied once more. The schema walked as
 * walkedParser walks it, nothing built; whatever zod would change (a default filled in, a value coerced or
 * transformed) or a node not walked here that gives back an object answers false, and the caller parses with zod.
 */
export function acceptedAsIs(schema: z.ZodType): (input: unknown) => boolean {
  return same(schema as unknown as Node);
}

function same(node: Node): (input: unknown) => boolean {
  const def = node._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape!;
      const keys = Object.keys(shape);
      if (def.catchall?._zod.def.type !== 'never' || keys.includes('__proto__') || Object.getOwnPropertySymbols(shape).length) return sameByZod(node);
      const fields = keys.map((key) => ({ key, test: same(shape[key]!), absentAllowed: shape[key]!._zod.optin === 'optional' && shape[key]!._zod.optout === 'optional' }));
      const known = new Set(keys);
      const checks = checksOf(node);
      return (input) => {
        if (!isObject(input)) return false;
        for (const { key, test, absentAllowed } of fields) {
          if (!(key in input)) {
            // Absent stays absent only where zod leaves it so; a default would be filled in.
            if (absentAllowed) continue;
            return false;
          }
          const value = input[key];
          if (value === undefined || !test(value)) return false;
        }
        for (const key in input) if (!known.has(key)) return false;
        return !checks || checks(input);
      };
    }
    case 'array': {
      const element = same(def.element!);
      const checks = checksOf(node);
      return (input) => {
        if (!Array.isArray(input)) return false;
        for (let i = 0; i < input.length; i++) if (!element(input[i])) return false;
        return !checks || checks(input);
      };
    }
    case 'optional':
    case 'nullable':
    case 'default': {
      if (def.checks?.length) return sameByZod(node);
      const inner = same(def.innerType!);
      const edge = def.type === 'nullable' ? null : undefined;
      const own = sameByZod(node);
      return (input) => (input === edge ? own(input) : inner(input));
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
      return valueTest(node) ?? sameByZod(node);
    default:
      return sameByZod(node);
  }
}

/** Zod's run of a node: accepted, and what it gives back is the input itself (a copy of an object is not). */
function sameByZod(node: Node): (input: unknown) => boolean {
  const parse = byZod(node);
  return (input) => Object.is(parse(input), input);
}

function typeTest(node: Node): (input: unknown) => boolean {
  switch (node._zod.def.type) {
    case 'string':
      return (input) => typeof input === 'string';
    case 'number':
      return (input) => typeof input === 'number' && Number.isFinite(input);
    case 'boolean':
      return (input) => typeof input === 'boolean';
    default: {
      const values = node._zod.values!;
      return (input) => values.has(input);
    }
  }
}

/**
 * The schema with a fast path for valid input, parsed with validate() as before: the same value, the same
 * issues (zod parses again whatever the fast path does not accept).
 */
export function withFastPath<S extends z.ZodType>(schema: S): S {
  return z.util.allowsEval.value ? z.compile(schema) : z.withParser(schema, walkedParser(schema) as (input: unknown) => z.output<S>);
}
