import { EventIdField, LongTextField, StreamField } from '../shared/fields';
import type { Assert, CorrectionData, SameShape } from '../shared/type-checks';

/** Retracts a recorded event: it stays in the log, and folding leaves it out. */
export class RetractEventDto {
  @StreamField({
    description: 'The stream of the event retracted: <aggregate>-<id>.',
    example: 'proposal-g4s-back-office',
  })
  stream!: string;

  @EventIdField({
    description: 'The id of the event retracted.',
    example: '0b6f6f0e-5c1a-8d2e-9a4b-3c2d1e0f9a8b',
  })
  eventId!: string;

  @LongTextField({ description: 'Why it is retracted.', example: 'Recorded against the wrong proposal' })
  reason!: string;
}

type _Matches = Assert<SameShape<RetractEventDto, CorrectionData<'RetractEvent'>>>;
