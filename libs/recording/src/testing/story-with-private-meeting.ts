import { ALLIANCE_PROPOSAL, STRATEGIC_ALLIANCE_STORY, type StoryStep } from '@ledger/domain';

/** The test-only private meeting: no report says any meeting of the story was private. */
export const PRIVATE_FIXTURE_MEETING = 'cc-private-fixture';
/** Its title: a canary, since the public must not learn it. */
export const PRIVATE_FIXTURE_TITLE = 'Chief constables in private: the G4S contract';

const FIXTURE = [
  {
    kind: 'test-fixture',
    reference: 'Not from the reports: a private meeting with an exempt item, for visibility tests',
  },
];

/**
 * The story, plus a private meeting of the chief constables with an exempt agenda item, spliced
 * in after their (public) meeting. The story itself invents no privacy (issue 16), so the tests
 * of what the public may not see bring their own, labelled as not from any source.
 */
export const STORY_WITH_PRIVATE_MEETING: readonly StoryStep[] = STRATEGIC_ALLIANCE_STORY.flatMap((step) =>
  step.label !== 'Chief constables meet'
    ? [step]
    : [
        step,
        {
          label: 'Test fixture: a private meeting of the chief constables',
          occurredAt: '2012',
          occurredAtApproximate: true,
          recordedAt: '2012-08-02T09:03:00Z',
          sources: FIXTURE,
          command: {
            type: 'ScheduleMeeting',
            data: {
              meetingId: PRIVATE_FIXTURE_MEETING,
              title: PRIVATE_FIXTURE_TITLE,
              bodyIds: ['cc-bedfordshire', 'cc-cambridgeshire', 'cc-hertfordshire'],
              allianceId: 'bch-alliance',
              scheduledFor: '2012',
              scheduledForApproximate: true,
              public: false,
            },
          },
        },
        {
          label: 'Test fixture: its exempt agenda item',
          occurredAt: '2012',
          occurredAtApproximate: true,
          recordedAt: '2012-08-02T09:03:30Z',
          sources: FIXTURE,
          command: {
            type: 'AddAgendaItem',
            data: {
              meetingId: PRIVATE_FIXTURE_MEETING,
              itemId: 'review',
              title: 'Findings of the review of the G4S contract to date',
              proposalId: ALLIANCE_PROPOSAL,
              exempt: true,
              exemptionReason: 'Commercially confidential: contract negotiations in progress',
            },
          },
        },
        {
          label: 'Test fixture: the private meeting is held',
          occurredAt: '2012',
          occurredAtApproximate: true,
          recordedAt: '2012-08-02T09:04:00Z',
          sources: FIXTURE,
          command: {
            type: 'RecordMeetingHeld',
            data: {
              meetingId: PRIVATE_FIXTURE_MEETING,
              attendees: ['bedfordshire', 'cambridgeshire', 'hertfordshire'].map((f) => ({
                bodyId: `cc-${f}`,
                capacity: 'chief constable',
              })),
            },
          },
        },
      ],
);
