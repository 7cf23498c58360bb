/** The workload's setup, 1989: each region's bodies, posts, office holders and alliance. */
import type { SourceRef } from '@ledger/event-store';
import type { Step } from './world';
import { month, type Draws, type Region } from './workload';

/** Registers region `r`: a joint working group, three commissioners with their two posts and holders, an alliance. */
export function* setUpRegion(r: number, { pick }: Draws): Generator<Step, Region> {
  const area = `Region ${r}`;
  const source = (what: string): SourceRef => ({
    kind: 'statute',
    reference: `Police Reform and Social Responsibility Act 2011: ${what} (${area})`,
  });
  const actor = `clerk:region-${r}`;
  const region: Region = {
    r,
    jwg: `jwg-${r}`,
    bodies: [0, 1, 2].map((k) => `pcc-${r}-${k}`),
    holders: {},
    alliance: `alliance-${r}`,
    due: [],
    carried: [],
    done: [],
  };
  const at = month(-12, 1 + (r % 28), '09:00');
  yield {
    actor,
    occurredAt: at,
    source: source('joint working group'),
    command: {
      type: 'RegisterBody',
      data: {
        bodyId: region.jwg,
        name: `${area} Joint Collaboration Working Group`,
        classification: 'joint-working-group',
        area,
        powers: 'advises',
        foundingDate: '1989-01-01',
      },
    },
  };
  for (const [k, bodyId] of region.bodies.entries()) {
    yield {
      actor,
      occurredAt: at,
      source: source('commissioner'),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId,
          name: `Police and Crime Commissioner for ${area} ${k}`,
          classification: 'police-and-crime-commissioner',
          area: `${area} ${k}`,
          powers: 'decides',
          foundingDate: '1989-01-01',
        },
      },
    };
    for (const postId of ['commissioner', 'deputy'] as const) {
      yield {
        actor,
        occurredAt: at,
        source: source(postId),
        command: {
          type: 'CreatePost',
          data: {
            bodyId,
            postId,
            label: `${postId === 'deputy' ? 'Deputy ' : ''}Police and Crime Commissioner for ${area} ${k}`,
            role:
              postId === 'deputy' ? 'Deputy Police and Crime Commissioner' : 'Police and Crime Commissioner',
          },
        },
      };
    }
    const holders = { commissioner: `person-${r}-${k}-c`, deputy: `person-${r}-${k}-d` };
    region.holders[bodyId] = holders;
    for (const postId of ['commissioner', 'deputy'] as const) {
      const personId = holders[postId];
      yield {
        actor,
        occurredAt: at,
        source: source('election result'),
        command: {
          type: 'RegisterPerson',
          data: {
            personId,
            name: `${pick(['Alex', 'Sam', 'Jo', 'Chris', 'Pat', 'Robin'])} ${pick(['Martins', 'Bright', 'Lloyd', 'Okafor', 'Nguyen', 'Dupont'])}`,
          },
        },
      };
      yield {
        actor,
        occurredAt: at,
        source: source('declaration of acceptance of office'),
        command: {
          type: 'AppointOfficeHolder',
          data: { bodyId, membershipId: `${personId}-1989`, postId, personId, startDate: '1989-01-01' },
        },
      };
    }
  }
  yield {
    actor,
    occurredAt: at,
    source: source('collaboration agreement'),
    command: {
      type: 'FormAlliance',
      data: {
        allianceId: region.alliance,
        name: `${area} Strategic Alliance`,
        decisionRule: { kind: 'unanimity' },
        foundingDate: '1989-01-01',
        memberIds: region.bodies,
      },
    },
  };
  return region;
}
