import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const prepared = new WeakSet<Storage>();

/**
 * class-validator looks a class's rules up again on every object it validates, by walking every
 * class that has any (an `instanceof` each, hundreds of DTOs here), then groups them by property:
 * the same answer every time once the decorators have run. This keeps each answer, per class and
 * options, and forgets them all whenever a rule or schema is added (a class loaded later), so what
 * is validated never changes. It sits on the process's one metadata storage, for the command DTOs
 * and the HTTP layer's query DTOs alike; installing it twice is harmless.
 */
export function prepareValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (prepared.has(storage)) return;
  prepared.add(storage);
  let byTarget = new Map<unknown, Map<string, Metadatas>>();
  let grouped = new WeakMap<Metadatas, Grouped>();
  const forget = () => {
    byTarget = new Map();
    grouped = new WeakMap();
  };
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? '-'}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map<string, Metadatas>()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadatas) => {
    let found = grouped.get(metadatas);
    if (!found) grouped.set(metadatas, (found = group(metadatas)));
    return found;
  };
  for (const method of ['addValidationSchema', 'addValidationMetadata', 'addConstraintMetadata'] as const) {
    const add: (argument: never) => void = storage[method].bind(storage);
    storage[method] = (argument: never) => {
      forget();
      add(argument);
    };
  }
}
