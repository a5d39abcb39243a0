import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleIds } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { findingsProviders } from '../src/app.ts';

const serverSrc = fileURLToPath(new URL('../src', import.meta.url));
const coreSrc = fileURLToPath(new URL('../../../packages/core/src', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Every non-test .ts file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

// `import … from './x.ts'`, `import type …`, `export … from`, side-effect `import './x.ts'` and `import('./x.ts')`.
// Type-only imports count: a cycle of types still couples the two files.
const specifierPattern =
  /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** The project files each file imports through relative specifiers. */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const m of readFileSync(file, 'utf8').matchAll(specifierPattern)) {
      const target = path.resolve(path.dirname(file), m[1] ?? m[2] ?? '');
      const resolved = [target, `${target}.ts`, path.join(target, 'index.ts')].find((c) => known.has(c));
      if (resolved) targets.add(resolved);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan's algorithm. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(path.relative(repoRoot, w));
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** A module's repo file: `repo.ts`, `*-repo.ts`, or anything under a `repo/` folder of the module. */
function isRepoFile(modulesDir: string, file: string): boolean {
  const parts = path.relative(modulesDir, file).split(path.sep);
  const name = parts.at(-1)!;
  return name === 'repo.ts' || name.endsWith('-repo.ts') || parts.slice(1, -1).includes('repo');
}

// A query builder's entry points (`db.selectFrom(…)`, `eb.selectFrom(…)`, a destructured `selectFrom(…)`) and
// a `sql` template, tagged directly or with a type argument (`sql\`…\``, `sql<number>\`…\``), not the word inside a string.
const sqlPattern = /\b(?:selectFrom|updateTable|insertInto|deleteFrom)\s*\(|(?<![\w`'"$])sql(?:<[^`;]*?>)?`/;

/** `file:line: text` for each line of `text` that builds SQL (comment lines are skipped). */
function sqlLines(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const t = line.trim();
    if (t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) return [];
    return sqlPattern.test(line) ? [`${file}:${i + 1}: ${t}`] : [];
  });
}

/**
 * Files under modules/ allowed to build SQL outside a repo file, each with why it cannot move. Keep it short:
 * a new entry needs a reason a reviewer accepts.
 */
const sqlOutsideRepoAllowed: Record<string, string> = {};

describe('architecture', () => {
  const graph = importGraph([...sourceFiles(serverSrc), ...sourceFiles(coreSrc)]);

  it('the walk sees the source tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    expect(edges).toBeGreaterThan(300);
  });

  it('has no import cycle in apps/server/src or packages/core/src', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the walk itself works)', () => {
    const a = path.join(serverSrc, 'a.ts');
    const b = path.join(serverSrc, 'b.ts');
    expect(
      cyclesOf(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toHaveLength(1);
  });

  it("no module imports another module's repo.ts (modules talk through service.ts)", () => {
    const modules = path.join(serverSrc, 'modules');
    const moduleOf = (file: string) => path.relative(modules, file).split(path.sep)[0];
    const offenders: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith(modules + path.sep)) continue;
      for (const target of targets)
        if (
          target.startsWith(modules + path.sep) &&
          path.basename(target) === 'repo.ts' &&
          moduleOf(target) !== moduleOf(file)
        )
          offenders.push(`${path.relative(repoRoot, file)} → ${path.relative(repoRoot, target)}`);
    }
    expect(offenders).toEqual([]);
  });

  it('SQL lives in repo files only: no module file but a repo builds a query or a sql`` template', () => {
    const modules = path.join(serverSrc, 'modules');
    const offenders = sourceFiles(modules)
      .filter((file) => !isRepoFile(modules, file))
      .filter((file) => !(path.relative(repoRoot, file) in sqlOutsideRepoAllowed))
      .flatMap((file) => sqlLines(path.relative(repoRoot, file), readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    // An allow-list entry whose file no longer builds SQL (or no longer exists) goes.
    const stale = Object.keys(sqlOutsideRepoAllowed).filter((rel) => {
      const file = path.join(repoRoot, rel);
      try {
        return sqlLines(rel, readFileSync(file, 'utf8')).length === 0;
      } catch {
        return true;
      }
    });
    expect(stale).toEqual([]);
  });

  it('finds SQL outside a repo file when there is some (the scan itself works)', () => {
    const modules = path.join(serverSrc, 'modules');
    expect(isRepoFile(modules, path.join(modules, 'org', 'repo.ts'))).toBe(true);
    expect(isRepoFile(modules, path.join(modules, 'members', 'import', 'repo.ts'))).toBe(true);
    expect(isRepoFile(modules, path.join(modules, 'audit', 'chain-repo.ts'))).toBe(true);
    expect(isRepoFile(modules, path.join(modules, 'org', 'repo', 'terms.ts'))).toBe(true);
    expect(isRepoFile(modules, path.join(modules, 'org', 'service.ts'))).toBe(false);
    expect(isRepoFile(modules, path.join(modules, 'repo', 'service.ts'))).toBe(false);
    const found = sqlLines(
      'x.ts',
      [
        "const a = await db.selectFrom('org').selectAll().execute();",
        "await trx.updateTable('org').set({ name }).execute();",
        "await trx.insertInto('org').values(v).execute();",
        "await trx\n  .deleteFrom('org')",
        'const n = await sql`select 1`.execute(db);',
        'const b = sql<boolean>`true`;',
        "where(({ selectFrom }) => selectFrom('person'))",
        '// db.selectFrom(…) in a comment',
        'const fine = repo.selectFromCache(db);',
        'const sqlish = `sql`;',
      ].join('\n'),
    );
    expect(found.map((l) => Number(l.split(':')[1]))).toEqual([1, 2, 3, 5, 6, 7, 8]);
  });

  it('the platform layer (http/) imports no module: modules sit on it, not it on them', () => {
    const http = path.join(serverSrc, 'http');
    const modules = path.join(serverSrc, 'modules');
    const offenders: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith(http + path.sep)) continue;
      for (const target of targets)
        if (target.startsWith(modules + path.sep))
          offenders.push(`${path.relative(repoRoot, file)} → ${path.relative(repoRoot, target)}`);
    }
    expect(offenders).toEqual([]);
  });

  it("the findings providers together own every rule of core's catalogue, each exactly once", () => {
    const owned = findingsProviders.flatMap((p) => p.ruleIds);
    const duplicates = owned.filter((id, i) => owned.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
    expect([...owned].sort()).toEqual([...ruleIds].sort());
    expect(new Set(findingsProviders.map((p) => p.id)).size).toBe(findingsProviders.length);
  });
});
