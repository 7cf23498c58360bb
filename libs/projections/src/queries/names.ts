import type { AggregateStates, References } from '@ledger/domain';
import { displayName } from '@ledger/domain';

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
    heldOn: m.heldOn,
    public: m.public,
    bodies: m.bodyIds.map((b) => bodyRef(refs, b)),
    chair: m.chair?.personId ? { ...personRef(refs, m.chair.personId), bodyId: m.chair.bodyId } : undefined,
  };
}
