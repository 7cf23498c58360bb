import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { PUBLICITIES } from '@ledger/projections';
import { AttendeeDto, DecisionRuleDto } from '@ledger/recording';
import { SourceDto } from '../../recording/recording-envelope.dto';

/*
 * What the reads answer, as schemas a generated client can trust. Each shape is one class,
 * reused wherever the same thing is shown (a body's name, a source, a page of results).
 */

export { AttendeeDto, DecisionRuleDto, SourceDto };

/** A body or a person by id and the name people know it by. */
export class NamedDto {
  @ApiProperty({ example: 'pcc-hertfordshire' }) id!: string;
  @ApiProperty({ example: 'Police and Crime Commissioner for Hertfordshire' }) name!: string;
}

export class PostRefDto {
  @ApiProperty({ example: 'commissioner' }) id!: string;
  @ApiProperty({ example: 'Police and Crime Commissioner for Hertfordshire' }) label!: string;
}

export class ChairRefDto extends NamedDto {
  @ApiProperty({ description: 'The body they chaired for', example: 'pcc-cambridgeshire' }) bodyId!: string;
}

/** Whether a meeting was open to the public, as a read says it: never absent. */
export const PUBLICITY: ApiPropertyOptions = {
  enum: [...PUBLICITIES],
  description:
    'public, private (a meeting held in private: the public sees only that it took place) or not-stated (the source does not say; not stated is not private, and the public sees the meeting)',
  example: 'not-stated',
};

/** `public` beside `publicity`: as reads served before, left out when not stated. */
export const PUBLIC_FLAG: ApiPropertyOptions = {
  description:
    'True when held in public, false when in private; absent when the source does not say (see publicity: not stated is not private)',
  example: true,
};

export const DATE_PRECISIONS = ['year', 'month', 'day', 'time'] as const;
/** How precisely `occurredAt` is known: it is shown as given (2013, 2013-01, 2013-01-31 or a timestamp). */
export const PRECISION: ApiPropertyOptions = {
  enum: [...DATE_PRECISIONS],
  description:
    'How precisely occurredAt is known: a year, a month, a day or a time (entries recorded before issue 16 read as time)',
  example: 'year',
};
/** How precisely another date of the record is known, as `occurredAtPrecision` says of occurredAt. */
export const precisionOf = (field: string): ApiPropertyOptions => ({
  enum: [...DATE_PRECISIONS],
  description: `How precisely ${field} is known: a year, a month, a day or a time; it is shown as given, never as a fake first day`,
  example: 'year',
});
/** Whether another date of the record is a guess. */
export const approximateOf = (field: string) =>
  ({
    description: `${field} is approximate: the source gave no exact date`,
    example: true,
  }) as const;

/** A meeting named where something happened; only its id and title when it is not recorded. */
export class MeetingRefDto {
  @ApiProperty({ example: 'pcc-g4s-meeting' }) id!: string;
  @ApiProperty({ example: 'Police and Crime Commissioners of the Strategic Alliance' }) title!: string;
  @ApiPropertyOptional({
    description: 'When it was held, as given; absent until it is held',
    example: '2013',
  })
  heldOn?: string;
  @ApiPropertyOptional(precisionOf('heldOn')) heldOnPrecision?: string;
  @ApiPropertyOptional(approximateOf('heldOn')) heldOnApproximate?: boolean;
  @ApiPropertyOptional(PUBLIC_FLAG)
  public?: boolean;
  @ApiPropertyOptional({
    ...PUBLICITY,
    description: `${PUBLICITY.description} (absent for a meeting not recorded)`,
  })
  publicity?: string;
  @ApiPropertyOptional({ type: [NamedDto] }) bodies?: NamedDto[];
  @ApiPropertyOptional({ type: ChairRefDto }) chair?: ChairRefDto;
}

/** Every source an entry cites (issue 16); `source` beside it is the first, as reads served before. */
export const SOURCES: ApiPropertyOptions = {
  type: [SourceDto],
  description: 'Every source the entry cites, the first (also given as `source`) included',
};
export const APPROXIMATE = {
  description: 'The date is approximate: the source gave no exact date',
  example: true,
} as const;

export const AS_OF = {
  description: 'The instant the view was drawn for: the earlier of asOf and knownAt, or now',
  example: '2013-02-01T00:00:00.000Z',
} as const;
export const NEXT = {
  description: 'An opaque cursor: pass it as `after` for the next page; absent on the last page',
  example: 'herts-support-services',
} as const;

const pages = new Map<Type, Type>();

/** The page envelope every list answers with: `items`, and `next` while there is more. */
export function PageOf<T>(
  item: Type<T>,
  name = `${item.name.replace(/Dto$/, '')}PageDto`,
): Type<{ items: T[]; next?: string }> {
  const found = pages.get(item);
  if (found) return found as never;
  class Page {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiPropertyOptional(NEXT) next?: string;
  }
  Object.defineProperty(Page, 'name', { value: name });
  pages.set(item, Page);
  return Page;
}
