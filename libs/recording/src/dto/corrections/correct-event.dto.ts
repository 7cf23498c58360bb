import { EventIdField, LongTextField, ObjectField, StreamField } from '../shared/fields';
import type { Assert, CorrectionData, SameShape } from '../shared/type-checks';

/**
 * Corrects a recorded event: a later event in the same stream that names it, with the changed
 * fields and the reason. `stream` is not part of the domain command's data (it sits beside it).
 */
export class CorrectEventDto {
  @StreamField({
    description: 'The stream of the event corrected: <aggregate>-<id>.',
    example: 'proposal-g4s-back-office',
  })
  stream!: string;

  @EventIdField({
    description: 'The id of the event corrected.',
    example: '0b6f6f0e-5c1a-8d2e-9a4b-3c2d1e0f9a8b',
  })
  eventId!: string;

  @LongTextField({
    description: 'Why it is corrected.',
    example: 'Typing error: the report says £73m, not £37m',
  })
  reason!: string;

  @ObjectField({
    description:
      "The corrected fields with their new values (the event's own fields; ids cannot be corrected).",
    example: { amount: 73_000_000 },
  })
  changes!: Record<string, unknown>;
}

type _Matches = Assert<SameShape<CorrectEventDto, CorrectionData<'CorrectEvent'>>>;
