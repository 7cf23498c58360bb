import type { References } from '../shared/decider';
import { ensure } from '../shared/rules';
import { toInstant, within } from '../shared/time';
import { officeHeldOn, type BodyState, type Membership } from './body.state';

/**
 * The body exists and was alive on `date`: established, not abolished. Used by every feature.
 * `date` is an entry's own date unless `stated`: a date an entry states of the past (a term's
 * start, an alliance's founding, a membership's start, an abolition) is held to the founding date
 * alone, since a body none states may have existed long before the ledger registered it.
 */
export function activeBody(
  refs: References,
  bodyId: string,
  date: string,
  { stated = false }: { stated?: boolean } = {},
): BodyState {
  const body = refs.get('body', bodyId);
  ensure(body?.exists, 'not-found', `Body ${bodyId} is not registered`, { bodyId });
  // A body whose founding date no source states is counted, for what it does, from its
  // registration: the ledger holds nothing of it before, and no as-of read before then shows it.
  const established = body.foundingDate ?? (stated ? undefined : body.registeredOn);
  ensure(
    established === undefined || toInstant(established) <= toInstant(date),
    'body-not-established',
    body.foundingDate !== undefined
      ? `${body.name} was established on ${body.foundingDate}${body.foundingDateApproximate ? ' (approximately)' : ''}, after ${date}`
      : `${body.name} was registered on ${body.registeredOn} with no founding date stated, after ${date}: to record what it did before, correct its registration to give its foundingDate (marked approximate if it is a guess)`,
    { bodyId },
  );
  ensure(
    within(date, undefined, body.dissolutionDate),
    'body-abolished',
    `${body.name} was abolished on ${body.dissolutionDate}${body.successorId ? `; its successor is ${body.successorId}` : ''}`,
    { bodyId, successorId: body.successorId },
  );
  return body;
}

/** `personId` held a post on the body on `date`. */
export function officeHolder(body: BodyState, personId: string, date: string): Membership {
  const membership = officeHeldOn(body, personId, date);
  ensure(membership, 'not-office-holder', `${personId} held no post on ${body.name} on ${date}`, {
    bodyId: body.bodyId,
    personId,
  });
  return membership;
}

/**
 * Who stands for `bodyId` on `date`: the body itself while it exists, then its successor (and so on).
 * Police authorities were abolished on 22 November 2012; from then their PCCs stand where they stood.
 */
export function standingBodyOn(refs: References, bodyId: string, date: string): string {
  let current = bodyId;
  for (let hops = 0; hops < 16; hops++) {
    const body = refs.get('body', current);
    if (!body?.dissolutionDate || !body.successorId || toInstant(date) < toInstant(body.dissolutionDate))
      return current;
    current = body.successorId;
  }
  return current;
}
