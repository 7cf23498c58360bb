import { BooleanField, IdField, LongTextField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** Adds an item to a meeting's agenda, possibly exempt from publication (with its ground). */
export class AddAgendaItemDto {
  @IdField({ description: 'The meeting.', example: 'cc-g4s-review-meeting' })
  meetingId!: string;

  @IdField({ description: 'The id of the item, unique within the meeting.', example: 'review' })
  itemId!: string;

  @TextField({
    description: 'The item as the agenda gives it.',
    example: 'Findings of the review of the G4S contract to date',
  })
  title!: string;

  @IdField({
    description: 'The proposal the item is about, if any.',
    example: 'g4s-back-office',
    optional: true,
  })
  proposalId?: string;

  @BooleanField({ description: 'Whether it is exempt from publication (taken in private).', example: true })
  exempt!: boolean;

  @LongTextField({
    description: 'The ground for the exemption (required by the domain when exempt).',
    example: 'Commercially confidential: contract negotiations in progress',
    optional: true,
  })
  exemptionReason?: string;
}

type _Matches = Assert<SameShape<AddAgendaItemDto, CommandData<'AddAgendaItem'>>>;
