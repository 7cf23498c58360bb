import type { AggregateStates, References, SpokenBy } from '@ledger/domain';
import { datePrecision, displayName, publicityOf } from '@ledger/domain';

export interface Named {
  id: string;
  name: string;
}

/** Bodies, posts, people and meetings by name, as the users read them. */
export function bodyRef(refs: References, id: string): Named {
  return { id, name: refs.get('body', id)?.name ?? id };
}

export function personRef(refs: References, id: string | undefined): Named | undefined {
  if (!id) return undefined;
  const person = refs.get('person', id);
  return { id, name: person ? displayName(person) : id };
}

/** Who spoke, and for whom, with the names of those the ledger holds; absent when the entry names nobody. */
export function spokenByRead(refs: References, spokenBy: SpokenBy | undefined) {
  if (!spokenBy) return undefined;
  return {
    ...spokenBy,
    person: personRef(refs, spokenBy.personId),
    forBody: spokenBy.forBodyId ? bodyRef(refs, spokenBy.forBodyId) : undefined,
    forPerson: personRef(refs, spokenBy.forPersonId),
  };
}

export function postRef(
  body: AggregateStates['body'] | undefined,
  postId: string | undefined,
): { id: string; label: string } | undefined {
  if (!postId) return undefined;
  return { id: postId, label: body?.posts[postId]?.label ?? postId };
}

export function meetingRef(refs: References, id: string | undefined) {
  if (!id) return undefined;
  const m = refs.get('meeting', id);
  if (!m?.exists) return { id, title: id };
  return {
    id,
    title: m.title,
    // As given, with its precision and flag, as the meeting's own read shows it.
    ...(m.heldOn === undefined
      ? {}
      : {
          heldOn: m.heldOn,
          heldOnPrecision: datePrecision(m.heldOn),
          heldOnApproximate: m.heldOnApproximate === true,
        }),
    // Left out when the source does not say; `publicity` says not-stated (not private).
    public: m.public,
    publicity: publicityOf(m.public),
    bodies: m.bodyIds.map((b) => bodyRef(refs, b)),
    chair: m.chair?.personId ? { ...personRef(refs, m.chair.personId), bodyId: m.chair.bodyId } : undefined,
  };
}

/**
 * A founding date as reads show it: as given, with its precision and whether it is a guess; none
 * of the three when no source states it (the pages say "Not stated").
 */
export function foundingDateOf(foundingDate: unknown, approximate: boolean | undefined) {
  if (typeof foundingDate !== 'string') return {};
  return {
    foundingDate,
    foundingDatePrecision: datePrecision(foundingDate),
    foundingDateApproximate: approximate === true,
  };
}
