/**
 * Events keep the schema version they were written with. When a type's data changes shape, its
 * version goes up here, and an upcaster turns older data into the current shape as it is read, so
 * deciders and projections only ever see the current one. Stored events are never rewritten.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** type -> current version; types not listed are at version 1. */
export const CURRENT_SCHEMA_VERSIONS: Record<string, number> = {
  ProposalTabled: 2,
};

/** type -> (from version -> upcaster to version + 1). */
const UPCASTERS: Record<string, Record<number, Upcaster>> = {
  ProposalTabled: {
    // v1 held the services in scope as one comma-separated string; v2 holds a list.
    1: (data) => ({
      ...data,
      scope: String((data.scope as string | undefined) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    }),
  },
};

export function currentSchemaVersion(type: string): number {
  return CURRENT_SCHEMA_VERSIONS[type] ?? 1;
}

export function upcast(type: string, schemaVersion: number, data: unknown): unknown {
  let version = schemaVersion;
  let current = data as Record<string, unknown>;
  const target = currentSchemaVersion(type);
  while (version < target) {
    const step = UPCASTERS[type]?.[version];
    if (!step) throw new Error(`No upcaster for ${type} from version ${version} to ${version + 1}`);
    current = step(current);
    version += 1;
  }
  if (version > target)
    throw new Error(`${type} version ${version} is newer than this ledger knows (${target})`);
  return current;
}
