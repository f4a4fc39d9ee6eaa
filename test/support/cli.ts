import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { TestApp } from './test-app';

/** The built command line (npm run build makes it). */
export const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  out: string;
}

/** The built command line as an operator runs it: another process, on the same database and key file. */
export function runCli(t: TestApp, keyFile: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        PANOH_LOG_LEVEL: 'silent',
        DATABASE_URL: t.db.appUrl,
        DATABASE_MIGRATION_URL: t.db.ownerUrl,
        PANOH_KEY_FILE: keyFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => resolve({ code, out }));
  });
}
