import { facts, FORCES, report, REPORT_2012, title, type StoryStep } from './common';

/*
 * Act one, 2012: the bodies the reports name and the alliance. No report gives a body's founding
 * date, and none is needed: a body registered without one acts from its registration, and the
 * story records nothing of a body before it registers it; so it states none rather than invent a
 * day.
 */

/**
 * The alliance's members belong from its founding, so it is needed: the seeds' facts and the
 * 2012 report place it in 2012 and no earlier, so the year, marked as a guess.
 */
const FORMED_IN_2012 = { foundingDate: '2012', foundingDateApproximate: true };

export function registerBodies(): StoryStep[] {
  const steps: StoryStep[] = [];
  for (const f of FORCES) {
    steps.push({
      label: `${title(f)} Police Authority`,
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: facts('police authorities decided for their forces until 22 November 2012'),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: `pa-${f}`,
          name: `${title(f)} Police Authority`,
          classification: 'police-authority',
          area: title(f),
          powers: 'decides',
        },
      },
    });
    steps.push({
      label: `Chief Constable of ${title(f)}`,
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: report(
        REPORT_2012,
        'The chief constables of Hertfordshire, Bedfordshire and Cambridgeshire police forces met yesterday',
      ),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: `cc-${f}`,
          name: `Chief Constable of ${title(f)} Police`,
          classification: 'chief-constable',
          area: title(f),
          powers: 'decides',
        },
      },
    });
  }
  steps.push(
    {
      label: 'Joint collaboration working group',
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: report(
        REPORT_2012,
        'The joint collaboration working group is not a decision making group, its role is to make recommendations',
      ),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: 'jwg',
          name: 'Strategic Alliance Joint Collaboration Working Group',
          classification: 'joint-working-group',
          powers: 'advises',
        },
      },
    },
    {
      label: 'G4S',
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: report(REPORT_2012, 'plan to outsource back office functions to G4S'),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: 'g4s',
          name: 'G4S',
          classification: 'contractor',
          powers: 'none',
        },
      },
    },
    {
      label: 'Surrey Police Authority',
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: report(
        REPORT_2012,
        'Surrey Police Authority recently decided to suspend their own privitisation plan',
      ),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: 'pa-surrey',
          name: 'Surrey Police Authority',
          classification: 'police-authority',
          area: 'Surrey',
          powers: 'decides',
        },
      },
    },
    {
      label: 'The alliance',
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:05:00Z',
      sources: facts(
        'a business case has to be agreed by the three PCCs and the three chief constables; before November 2012 each police authority approved',
      ),
      command: {
        type: 'FormAlliance',
        data: {
          allianceId: 'bch-alliance',
          name: 'Bedfordshire, Cambridgeshire and Hertfordshire Strategic Alliance',
          decisionRule: { kind: 'unanimity' },
          ...FORMED_IN_2012,
          memberIds: FORCES.flatMap((f) => [`pa-${f}`, `cc-${f}`]),
        },
      },
    },
  );
  return steps;
}
