// The eight real policies of domain.md as shipped policy files (unvalidated JSON; parse with
// PolicySchema). The counter can offer them as starting points; tests and the bench use them.
import beijing from './examples/beijing.json';
import dandong from './examples/dandong.json';
import guangzhouZengcheng from './examples/guangzhou-zengcheng.json';
import jurong from './examples/jurong.json';
import shanghaiPutuo from './examples/shanghai-putuo.json';
import shenzhen from './examples/shenzhen.json';
import tianjin from './examples/tianjin.json';
import xuyi from './examples/xuyi.json';

export const EXAMPLE_POLICIES: Readonly<Record<string, unknown>> = {
  beijing,
  tianjin,
  'shanghai-putuo': shanghaiPutuo,
  'guangzhou-zengcheng': guangzhouZengcheng,
  shenzhen,
  dandong,
  jurong,
  xuyi,
};
