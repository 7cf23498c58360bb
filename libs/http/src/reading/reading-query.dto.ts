import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import { DateField, ID_MESSAGE, ID_PATTERN } from '@ledger/recording';

export const MAX_PAGE = 100;

/**
 * A whole number in a query string, from `min` to `max`, with one message for every way it can
 * be wrong. Digits only: `1e308`, `1.5`, `0x10` or `abc` is refused rather than read as a number.
 */
function WholeNumberParam(min: number, max: number, message: string): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
      const given = obj[key];
      return typeof given === 'string' && /^\d{1,16}$/.test(given) ? Number(given) : given;
    }),
    ValidateBy({
      name: 'isWholeNumberParam',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
        defaultMessage: () => message,
      },
    }),
  );
}

/** A page's size: one message for `abc`, `0`, `101` and `1.5` alike. */
const LimitParam = (max: number) => WholeNumberParam(1, max, `limit must be a whole number from 1 to ${max}`);

/** A global position in the ledger (waitFor, an export's after). */
const PositionParam = (name: string) =>
  WholeNumberParam(
    0,
    Number.MAX_SAFE_INTEGER,
    `${name} must be a position: a whole number written in digits`,
  );

/** An id in a query string, as ids are everywhere (ID_PATTERN). */
const IdParam = () => applyDecorators(IsOptional(), Matches(ID_PATTERN, { message: ID_MESSAGE }));

/** Every read: at a date, as known at a date, and after the caller's own write. */
export class CutQueryDto {
  @DateField({
    description: 'What had happened by this date (occurredAt), as the ledger knows it now.',
    optional: true,
  })
  asOf?: string;

  @DateField({ description: 'Only what the ledger had recorded by this date (recordedAt).', optional: true })
  knownAt?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Wait until the read models include this global position (from a write) before answering',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  @PositionParam('waitFor')
  waitFor?: number;
}

export class PageQueryDto extends CutQueryDto {
  @ApiPropertyOptional({ description: 'The cursor from the previous page (`next`)', maxLength: 256 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:+-]{1,256}$/, { message: 'after must be the cursor `next` of the previous page' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 50 })
  @LimitParam(MAX_PAGE)
  limit?: number;
}

export class DateRangeQueryDto extends PageQueryDto {
  @DateField({ description: 'A date.', optional: true }) from?: string;
  @DateField({ description: 'A date.', optional: true }) to?: string;
}

export const PROPOSAL_STATUSES = [
  'under-consideration',
  'recommended',
  'agreed',
  'rejected',
  'deferred',
  'withdrawn',
  'discontinued',
  'superseded',
  'taken-forward-by-member',
] as const;

export class ListProposalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES, { message: `status must be one of: ${PROPOSAL_STATUSES.join(', ')}` })
  status?: string;
  @ApiPropertyOptional() @IdParam() allianceId?: string;
  @ApiPropertyOptional() @IdParam() bodyId?: string;
  @DateField({ description: 'A date.', optional: true }) tabledFrom?: string;
  @DateField({ description: 'A date.', optional: true }) tabledTo?: string;
}

export class ListMeetingsQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional() @IdParam() bodyId?: string;
}

export class ListDecisionsQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional() @IdParam() bodyId?: string;
  @ApiPropertyOptional() @IdParam() proposalId?: string;
  @ApiPropertyOptional({
    description: 'The decisions this person made, signed, or took under delegation',
    example: 'david-lloyd',
  })
  @IdParam()
  personId?: string;
}

export class ListRecommendationsQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional() @IdParam() proposalId?: string;
  @ApiPropertyOptional() @IdParam() byBodyId?: string;
  @ApiPropertyOptional() @IdParam() toBodyId?: string;
}

export class ListBodiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z-]{1,64}$/, {
    message: 'classification must be lower-case letters and -, such as police-authority',
  })
  classification?: string;
}

/**
 * A date not after another field's, compared as instants (a zone may write the same instant
 * later). Left to that field's own checks when it is missing or not a date.
 */
const NotAfter = (other: string) =>
  ValidateBy({
    name: 'notAfter',
    constraints: [other],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const end = Date.parse(String((args?.object as Record<string, unknown>)?.[other]));
        return Number.isNaN(end) || typeof value !== 'string' || !(Date.parse(value) > end);
      },
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be after ${other}`,
    },
  });

export class DiffQueryDto {
  @DateField({ description: 'From (exclusive); not after `to`.' }) @NotAfter('to') from!: string;
  @DateField({ description: 'To (inclusive).' }) to!: string;
  @DateField({ description: 'A date.', optional: true }) knownAt?: string;
  @ApiPropertyOptional({ minimum: 0 }) @PositionParam('waitFor') waitFor?: number;
}

export class ExportQueryDto {
  @ApiPropertyOptional({
    description: 'Resume after this global position (the last `position` you received)',
    minimum: 0,
  })
  @PositionParam('after')
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1000 })
  @LimitParam(10000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only streams starting with this prefix, e.g. proposal-' })
  @IsOptional()
  @Matches(/^[a-z][A-Za-z0-9_.:-]{0,190}$/, {
    message: 'streamPrefix must be the start of a stream name, such as proposal-',
  })
  streamPrefix?: string;
}
