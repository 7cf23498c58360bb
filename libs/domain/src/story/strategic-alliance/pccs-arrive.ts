import { ABOLITION_DATE, facts, FORCES, report, REPORT_2013_A, title, type StoryStep } from './common';

/*
 * Act three, 22 November 2012 (an outside fact with its day): the Police and Crime Commissioners
 * take office and the police authorities are abolished, each succeeded by its PCC.
 */

export function pccsArrive(): StoryStep[] {
  const pcc = {
    bedfordshire: ['olly-martins', 'Olly Martins', undefined],
    cambridgeshire: ['graham-bright', 'Graham Bright', 'Sir'],
    hertfordshire: ['david-lloyd', 'David Lloyd', undefined],
  } as const;
  const steps: StoryStep[] = [];
  for (const f of FORCES) {
    const [personId, name, honorificPrefix] = pcc[f];
    const at = {
      occurredAt: ABOLITION_DATE,
      recordedAt: '2012-11-23T09:00:00Z',
      sources: facts(
        'Police and Crime Commissioners took over on 22 November 2012 (elected 15 November 2012)',
      ),
    };
    steps.push(
      {
        label: `PCC for ${title(f)}`,
        ...at,
        command: {
          type: 'RegisterBody',
          data: {
            bodyId: `pcc-${f}`,
            name: `Police and Crime Commissioner for ${title(f)}`,
            classification: 'police-and-crime-commissioner',
            area: title(f),
            powers: 'decides',
            foundingDate: ABOLITION_DATE,
          },
        },
      },
      {
        label: `Post of PCC for ${title(f)}`,
        ...at,
        command: {
          type: 'CreatePost',
          data: {
            bodyId: `pcc-${f}`,
            postId: 'commissioner',
            label: `Police and Crime Commissioner for ${title(f)}`,
            role: 'Police and Crime Commissioner',
          },
        },
      },
      {
        label: name,
        ...at,
        sources: report(
          REPORT_2013_A,
          f === 'cambridgeshire'
            ? 'Cambridgeshire\u2019s Police and Crime Commissioner Sir Graham Bright'
            : f === 'hertfordshire'
              ? 'Hertfordshire PCC David Lloyd'
              : 'Olly Martins, the PCC for Bedfordshire',
        ),
        command: {
          type: 'RegisterPerson',
          data: { personId, name, ...(honorificPrefix ? { honorificPrefix } : {}) },
        },
      },
      {
        label: `${name} takes office`,
        ...at,
        command: {
          type: 'AppointOfficeHolder',
          data: {
            bodyId: `pcc-${f}`,
            membershipId: `${personId}-2012`,
            postId: 'commissioner',
            personId,
            startDate: ABOLITION_DATE,
          },
        },
      },
      {
        label: `${title(f)} Police Authority abolished`,
        ...at,
        command: {
          type: 'AbolishBody',
          data: {
            bodyId: `pa-${f}`,
            dissolutionDate: ABOLITION_DATE,
            successorId: `pcc-${f}`,
            reason:
              'Police Reform and Social Responsibility Act 2011: functions passed to the Police and Crime Commissioner',
          },
        },
      },
    );
  }
  return steps;
}
