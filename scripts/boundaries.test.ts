import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';

// The lint rules that keep each runtime in its own folder; a rule removed from eslint.config.js fails here.
const eslint = new ESLint();
// Linting loads the whole config and parser first: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
async function ruleIds(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.map((message) => message.ruleId) ?? [];
}

describe('runtime boundaries', () => {
  it('keeps shared/ free of electron, node, dexie and UI imports', async () => {
    for (const source of ["import { app } from 'electron';", "import fs from 'node:fs';", "import path from 'path';", "import Dexie from 'dexie';", "import { useState } from 'react';", "import { bridge } from '../renderer/bridge';"]) {
      expect(await ruleIds('shared/boundary-probe.ts', `${source}\nexport const probe = 1;\n`), source).toContain('no-restricted-imports');
    }
  });
  it('keeps shared/ away from browser and Node globals', async () => {
    expect(await ruleIds('shared/boundary-probe.ts', 'export const probe = () => window.location.href;\n')).toContain('no-restricted-globals');
    expect(await ruleIds('shared/boundary-probe.ts', 'export const probe = () => process.env.HOME;\n')).toContain('no-restricted-globals');
  });
  it('keeps renderer/ away from the main process', async () => {
    expect(await ruleIds('renderer/boundary-probe.ts', "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('renderer/boundary-probe.ts', "import { isAppUrl } from '../electron/security';\nexport const probe = isAppUrl;\n")).toContain('no-restricted-imports');
  });
  it('keeps PostgreSQL in postgres/: shared/ and renderer/ may not import it or its client', async () => {
    for (const folder of ['shared', 'renderer']) {
      for (const source of ["import { migrate } from '../postgres/migrations';", "import pg from 'pg';"]) {
        expect(await ruleIds(`${folder}/boundary-probe.ts`, `${source}\nexport const probe = 1;\n`), `${folder}: ${source}`).toContain('no-restricted-imports');
      }
    }
  });
  it('lets renderer/ use shared/ and electron/ use node', async () => {
    expect(await ruleIds('renderer/boundary-probe.ts', "import { bridgeMethods } from '../shared/bridge';\nexport const probe = bridgeMethods;\n")).toEqual([]);
    expect(await ruleIds('electron/boundary-probe.ts', "import fs from 'node:fs';\nexport const probe = fs;\n")).toEqual([]);
  });
});
