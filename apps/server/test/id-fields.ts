/**
 * The id fields of a zod schema (keys ending in Id/Ids, at any depth), as dotted paths: `orgId`,
 * `applicant.unitId`, `team[].personId`. Unions contribute the fields of every option. Used by the
 * table-driven scope test to find every id a route takes in its body or query.
 */
export function idFieldsOf(schema: unknown): string[] {
  const out = new Set<string>();
  const walk = (s: unknown, path: string, depth: number): void => {
    if (!s || typeof s !== 'object' || depth > 12) return;
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    switch (def.type) {
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        for (const [key, value] of Object.entries(shape)) {
          const p = path ? `${path}.${key}` : key;
          if (/(Id|Ids)$/.test(key)) out.add(p);
          walk(value, p, depth + 1);
        }
        return;
      }
      case 'array':
        walk(def.element, `${path}[]`, depth + 1);
        return;
      case 'union':
        for (const o of def.options as unknown[]) walk(o, path, depth + 1);
        return;
      case 'intersection':
        walk(def.left, path, depth + 1);
        walk(def.right, path, depth + 1);
        return;
      case 'pipe':
        walk(def.in, path, depth + 1);
        return;
      default:
        if ('innerType' in def) walk(def.innerType, path, depth + 1);
    }
  };
  walk(schema, '', 0);
  return [...out].sort();
}
