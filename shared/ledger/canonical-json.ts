// Canonical JSON: object keys sorted, no whitespace, undefined dropped. The same record always gives
// the same bytes, so hashes and signatures over it can be recomputed by anyone.

/**
 * True when every object in `value` already lists its keys in ascending order and holds nothing JSON
 * would write differently: then the engine's JSON.stringify writes the canonical text itself, several
 * times faster (a month's claim is over 100 MB). The claim builder writes its objects in key order.
 */
export function inCanonicalOrder(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (const item of value) if (!inCanonicalOrder(item)) return false;
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const keys = Object.keys(value as object);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i - 1]! >= keys[i]!) return false;
    if (!inCanonicalOrder((value as Record<string, unknown>)[keys[i]!])) return false;
  }
  return true;
}

export function canonicalJson(value: unknown): string {
  if (value !== undefined && typeof value === 'object' && inCanonicalOrder(value)) return JSON.stringify(value);
  return canonicalWalk(value);
}

function canonicalWalk(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: 数值必须是有限数');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalWalk(item))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalWalk((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: 不能序列化 ${typeof value}`);
}
