import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The system account PostgreSQL runs as when this process is root (PostgreSQL refuses to run as root). */
export interface UnprivilegedUser {
  name: string;
  uid: number;
  gid: number;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function lookUpUser(name: string): UnprivilegedUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { name, uid, gid };
  } catch {
    return undefined;
  }
}

/** Whether `user` can reach `dir` through every folder above it (execute permission on each ancestor). */
export function canTraverse(dir: string, user: UnprivilegedUser): boolean {
  let current = path.resolve(dir);
  const ancestors: string[] = [];
  while (true) {
    const parent = path.dirname(current);
    if (parent === current) break;
    ancestors.push(parent);
    current = parent;
  }
  for (const ancestor of ancestors) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(ancestor);
    } catch {
      continue; // not created yet: it will be created by us with mode 0755
    }
    const mode = stat.mode;
    const allowed =
      stat.uid === user.uid
        ? (mode & 0o100) !== 0
        : stat.gid === user.gid
          ? (mode & 0o010) !== 0
          : (mode & 0o001) !== 0;
    if (!allowed) return false;
  }
  return true;
}

/** Gives `dir` and everything under it to `user`, so PostgreSQL can run there without root. */
export function chownTree(dir: string, user: UnprivilegedUser): void {
  const visit = (target: string): void => {
    const stat = fs.lstatSync(target);
    if (stat.uid !== user.uid || stat.gid !== user.gid) fs.lchownSync(target, user.uid, user.gid);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(target)) visit(path.join(target, entry));
  };
  visit(dir);
}
