// The eight real policies of domain.md as shipped policy files (unvalidated JSON; parse with
// PolicySchema). The counter can offer them as starting points; tests and the bench use them.
// Shenzhen comes twice: its 2025 file (ended 2025-12-31, kept as canteens imported it) and 2026's.
import beijing from './examples/beijing.json';
import dandong from './examples/dandong.json';
import guangzhouZengcheng from './examples/guangzhou-zengcheng.json';
import jurong from './examples/jurong.json';
import shanghaiPutuo from './examples/shanghai-putuo.json';
import shenzhen from './examples/shenzhen.json';
import shenzhen2026 from './examples/shenzhen-2026.json';
import tianjin from './examples/tianjin.json';
import xuyi from './examples/xuyi.json';

export const EXAMPLE_POLICIES: Readonly<Record<string, unknown>> = {
  beijing,
  tianjin,
  'shanghai-putuo': shanghaiPutuo,
  'guangzhou-zengcheng': guangzhouZengcheng,
  shenzhen,
  'shenzhen-2026': shenzhen2026,
  dandong,
  jurong,
  xuyi,
};
