import { activeBody } from '../bodies/body.rules';
import { officeHeldOn } from '../bodies/body.state';
import { registeredPerson } from '../people/person.decider';
import type { References, Reference } from '../shared/decider';
import { ensure } from '../shared/rules';
import type { SpokenBy } from './proposal.events';

/**
 * The `spoken-for-not-office-holder` rule and its neighbours. The speaker and whoever they speak
 * for are registered; a body spoken for existed on the date; a person spoken for held an office
 * (any post: a PCC's is the commissioner's) in the body spoken for, or, when none is named, in the
 * entry's own member (`memberBodyId`), on the entry's date. The speaker need hold no post: a chief
 * executive is an officer, not an office holder, and a contractor's chief executive is neither.
 */
export function ensureSpokenBy(
  spokenBy: SpokenBy | undefined,
  memberBodyId: string | undefined,
  refs: References,
  date: string,
): void {
  if (!spokenBy) return;
  ensure(spokenBy.name.trim() !== '', 'invalid-value', 'A speaker is named');
  for (const personId of [spokenBy.personId, spokenBy.forPersonId])
    if (personId !== undefined) registeredPerson(refs, personId);
  if (spokenBy.forBodyId !== undefined) activeBody(refs, spokenBy.forBodyId, date);
  if (spokenBy.forPersonId === undefined) return;
  const bodyId = spokenBy.forBodyId ?? memberBodyId;
  const body = bodyId === undefined ? undefined : refs.get('body', bodyId);
  ensure(
    body?.exists && officeHeldOn(body, spokenBy.forPersonId, date),
    'spoken-for-not-office-holder',
    body
      ? `${spokenBy.name} spoke for ${spokenBy.forPersonId}, who held no office in ${body.name} on ${date}`
      : `${spokenBy.name} spoke for ${spokenBy.forPersonId}, but the entry names no body they held office in`,
    { personId: spokenBy.forPersonId, bodyId },
  );
}

/** What the check reads: the speaker, the person and the body spoken for. */
export function spokenByReferences(spokenBy: unknown): Reference[] {
  if (typeof spokenBy !== 'object' || spokenBy === null) return [];
  const s = spokenBy as Record<string, unknown>;
  return [
    ...(['personId', 'forPersonId'] as const).flatMap((key) =>
      typeof s[key] === 'string' ? [{ kind: 'person' as const, id: s[key] }] : [],
    ),
    ...(typeof s.forBodyId === 'string' ? [{ kind: 'body' as const, id: s.forBodyId }] : []),
  ];
}
