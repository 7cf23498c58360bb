import type { References } from '../shared/decider';
import { ensure } from '../shared/rules';
import { toInstant, within } from '../shared/time';
import { officeHeldOn, type BodyState, type Membership } from './body.state';

/** The body exists and was alive on `date`: established, not abolished. Used by every feature. */
export function activeBody(refs: References, bodyId: string, date: string): BodyState {
  const body = refs.get('body', bodyId);
  ensure(body?.exists, 'not-found', `Body ${bodyId} is not registered`, { bodyId });
  // A body whose founding date no source states is not refused for want of one.
  ensure(
    body.foundingDate === undefined || toInstant(body.foundingDate) <= toInstant(date),
    'body-not-established',
    `${body.name} was established on ${body.foundingDate}${body.foundingDateApproximate ? ' (approximately)' : ''}, after ${date}`,
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
