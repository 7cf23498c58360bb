import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { DateField } from '@ledger/recording';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const MAX_PAGE = 100;

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
  @IsOptional()
  // Digits only: `1e308` or `1.5` is not a position, and is refused rather than read as a number.
  @Transform(({ obj }: { obj: Record<string, unknown> }) =>
    typeof obj.waitFor === 'string' && /^\d{1,16}$/.test(obj.waitFor) ? Number(obj.waitFor) : obj.waitFor,
  )
  @IsInt({ message: 'waitFor must be a position: a whole number written in digits' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  waitFor?: number;
}

export class PageQueryDto extends CutQueryDto {
  @ApiPropertyOptional({ description: 'The cursor from the previous page (`next`)', maxLength: 256 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:+-]{1,256}$/)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
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
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES }) @IsOptional() @IsIn(PROPOSAL_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) allianceId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) bodyId?: string;
  @DateField({ description: 'A date.', optional: true }) tabledFrom?: string;
  @DateField({ description: 'A date.', optional: true }) tabledTo?: string;
}

export class ListMeetingsQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID) bodyId?: string;
}

export class ListDecisionsQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID) bodyId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) proposalId?: string;
  @ApiPropertyOptional({
    description: 'The decisions this person made, signed, or took under delegation',
    example: 'david-lloyd',
  })
  @IsOptional()
  @Matches(ID)
  personId?: string;
}

export class ListRecommendationsQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID) proposalId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) byBodyId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) toBodyId?: string;
}

export class ListBodiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z-]{1,64}$/) classification?: string;
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
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) waitFor?: number;
}

export class ExportQueryDto {
  @ApiPropertyOptional({
    description: 'Resume after this global position (the last `position` you received)',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only streams starting with this prefix, e.g. proposal-' })
  @IsOptional()
  @Matches(/^[a-z][A-Za-z0-9_.:-]{0,190}$/)
  streamPrefix?: string;
}

export const ID_PATTERN = ID;
