import type { Attendee } from '@ledger/domain';
import { ATTENDANCES } from '../shared/domain-values';
import { EnumField, IdField, TextField } from '../shared/fields';
import type { Assert, SameShape } from '../shared/type-checks';

/** Someone at a meeting, or in its chair: a person, the body they came for, and in what capacity. */
export class AttendeeDto {
  @IdField({
    description: 'The person, when the record names them.',
    example: 'graham-bright',
    optional: true,
  })
  personId?: string;

  @IdField({ description: 'The body they attended for.', example: 'pcc-cambridgeshire', optional: true })
  bodyId?: string;

  @TextField({ description: 'In what capacity.', example: 'Police and Crime Commissioner' })
  capacity!: string;

  @EnumField(ATTENDANCES, 'Attendance', {
    description:
      'Present unless the minutes say otherwise: absent (with or without apologies) or recused (withdrew). Neither counts towards the quorum.',
    example: 'present',
    optional: true,
  })
  attendance?: (typeof ATTENDANCES)[number];
}

type _Matches = Assert<SameShape<AttendeeDto, Attendee>>;
