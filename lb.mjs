import { chromium } from '@playwright/test';
import { runLedgerBench } from './scripts/bench-ledger.mjs';
const launch = (dir) => chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
await runLedgerBench({ launch, report: (n, v, u) => console.log(`bench ${n} ${v} ${u}`), spec: { residents: 2000, meals: 110000 } });
