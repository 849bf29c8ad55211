import { EXAMPLE_POLICIES } from '../policy/examples';
import { PolicySchema } from '../policy/schema';
import { policyHash } from '../policy/issued-policy';
import { canonicalJson } from '../ledger/canonical-json';
const p = PolicySchema.parse(EXAMPLE_POLICIES['guangzhou-zengcheng']);
console.log(await policyHash(p));
console.log(canonicalJson(p).slice(0, 300));
