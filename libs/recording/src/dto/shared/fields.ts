import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNotEmptyObject,
  IsNumber,
  IsObject,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import {
  ID_MESSAGE,
  ID_PATTERN,
  LEDGER_DATE_MESSAGE,
  LEDGER_DATE_PATTERN,
  LONG_TEXT_MAX,
  MAX_LIST_ITEMS,
  OCCURRED_AT_MESSAGE,
  OCCURRED_AT_PATTERN,
  SHORT_TEXT_MAX,
  STREAM_MESSAGE,
  STREAM_PATTERN,
} from './limits';
import { numberMessage, OneLine } from './field-rules';
import { LedgerDateRule } from './real-dates';

/**
 * Field decorators: each applies the class-validator rules of one kind of field AND its
 * OpenAPI description (@ApiProperty / @ApiPropertyOptional, with type, format, enum, pattern and
 * limits set explicitly; the swagger CLI plugin is not relied on). Every DTO property uses one.
 */

export interface FieldDoc {
  description: string;
  example?: unknown;
  /** Optional means absent: `undefined` skips the rules, `null` does not (the domain has no nulls). */
  optional?: boolean;
}

type Decorator = PropertyDecorator;

function api(doc: FieldDoc, schema: ApiPropertyOptions): Decorator {
  const options = {
    description: doc.description,
    ...(doc.example !== undefined ? { example: doc.example } : {}),
    ...schema,
  } as ApiPropertyOptions;
  return doc.optional
    ? ApiPropertyOptional(options)
    : ApiProperty({ ...options, required: true } as ApiPropertyOptions);
}

/** Skips a field's rules only when it is absent; unlike @IsOptional, `null` is still refused. */
export function Optional(): Decorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

function field(doc: FieldDoc, schema: ApiPropertyOptions, ...rules: Decorator[]): Decorator {
  return applyDecorators(...(doc.optional ? [Optional()] : []), ...rules, api(doc, schema));
}

/**
 * Refuses text made only of whitespace or invisible characters (zero-width spaces and joiners,
 * byte-order marks, controls: \S alone lets them through); the empty string is left to @IsNotEmpty.
 */
const NotBlank = (each = false) =>
  Matches(/^$|[^\s\p{Cf}\p{Cc}]/u, {
    each,
    message: each ? 'each value in $property must not be blank' : '$property must not be blank',
  });

/**
 * A non-blank string of at most `max` characters. Up to SHORT_TEXT_MAX it is one line by default
 * (names, titles, labels, references: what a register shows in a cell and the console asks for in
 * a one-line input); longer is free text (reasons, rationales, statements, quotes), which keeps
 * its line breaks and tabs.
 */
export function TextField(
  doc: FieldDoc,
  max: number = SHORT_TEXT_MAX,
  lines: 'one' | 'many' = max > SHORT_TEXT_MAX ? 'many' : 'one',
): Decorator {
  return field(
    doc,
    { type: String, minLength: 1, maxLength: max },
    IsString(),
    IsNotEmpty(),
    NotBlank(),
    ...(lines === 'one' ? [OneLine()] : []),
    MaxLength(max),
  );
}

/** Where a meeting is or was: short, but an address may be written on several lines, as on a letter. */
export function PlaceField(doc: FieldDoc): Decorator {
  return TextField(doc, SHORT_TEXT_MAX, 'many');
}

/** Long free text: descriptions, rationales, statements; it may run to several lines. */
export function LongTextField(doc: FieldDoc): Decorator {
  return TextField(doc, LONG_TEXT_MAX);
}

/** The id of a body, person, proposal, meeting, vote, post, … */
export function IdField(doc: FieldDoc): Decorator {
  return field(
    doc,
    { type: String, pattern: ID_PATTERN.source, maxLength: 128 },
    IsString(),
    Matches(ID_PATTERN, { message: ID_MESSAGE }),
  );
}

/** A list of distinct ids. */
export function IdListField(
  doc: FieldDoc,
  { min = 0, max = MAX_LIST_ITEMS }: { min?: number; max?: number } = {},
): Decorator {
  return field(
    doc,
    {
      type: 'array',
      items: { type: 'string', pattern: ID_PATTERN.source, maxLength: 128 },
      minItems: min,
      maxItems: max,
      uniqueItems: true,
    },
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(max),
    ArrayUnique(),
    IsString({ each: true }),
    Matches(ID_PATTERN, { each: true, message: `each value in ${ID_MESSAGE}` }),
  );
}

/** A list of distinct short texts (a proposal's scope). */
export function TextListField(doc: FieldDoc, { max = MAX_LIST_ITEMS }: { max?: number } = {}): Decorator {
  return field(
    doc,
    {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: SHORT_TEXT_MAX },
      maxItems: max,
      uniqueItems: true,
    },
    IsArray(),
    ArrayMaxSize(max),
    ArrayUnique(),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    NotBlank(true),
    OneLine(true),
    MaxLength(SHORT_TEXT_MAX, { each: true }),
  );
}

/** A date or a date-time with its zone (see LEDGER_DATE_PATTERN). */
export function DateField(doc: FieldDoc): Decorator {
  return field(
    doc,
    {
      type: String,
      // A date alone (its first instant, UTC) or a date-time: neither OpenAPI format covers both.
      pattern: LEDGER_DATE_PATTERN.source,
      description: `${doc.description} ISO 8601: a date (2012-11-22) or a date-time with its zone (2012-11-22T10:00:00Z).`,
    },
    IsString(),
    LedgerDateRule(LEDGER_DATE_PATTERN, LEDGER_DATE_MESSAGE),
  );
}

/**
 * A date at the precision its source gives (see OCCURRED_AT_PATTERN), stored as given and never
 * widened to a fake first day; `approximateField` names the flag that marks it as a guess.
 */
export function UncertainDateField(doc: FieldDoc, approximateField: string): Decorator {
  return field(
    doc,
    {
      type: String,
      pattern: OCCURRED_AT_PATTERN.source,
      description: `${doc.description} A year (2013), a month (2013-01), a day (2013-01-31) or a date-time with its zone (2013-01-31T10:00:00Z), as precisely as the source gives it; mark it ${approximateField} when it is a guess.`,
    },
    IsString(),
    LedgerDateRule(OCCURRED_AT_PATTERN, OCCURRED_AT_MESSAGE),
  );
}

/** When an entry happened, at the precision known; stored as given. */
export function OccurredAtField(doc: FieldDoc): Decorator {
  return UncertainDateField(doc, 'occurredAtApproximate');
}

/** The flag that marks an uncertain date as a guess ("early 2013" given as 2013): optional, true or false. */
export function ApproximateField(dateField: string, example = true): Decorator {
  return BooleanField({
    description: `${dateField} is approximate: the source gives no exact date ("early 2013" given as 2013). Leave it out (or false) when ${dateField} is as the source gives it.`,
    example,
    optional: true,
  });
}

/** One of the domain's literal values. `enumName` names the schema in the OpenAPI document. */
export function EnumField(values: readonly string[], enumName: string, doc: FieldDoc): Decorator {
  return field(
    doc,
    { enum: [...values], enumName, type: 'string' },
    IsIn([...values], { message: `$property must be one of: ${values.join(', ')}` }),
  );
}

export function BooleanField(doc: FieldDoc): Decorator {
  return field(doc, { type: Boolean }, IsBoolean());
}

/** A finite number >= 0: an amount of money, people, a percentage. */
export function AmountField(doc: FieldDoc): Decorator {
  return field(
    doc,
    { type: Number, minimum: 0 },
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: numberMessage('a number') }),
    Min(0),
  );
}

/** A whole number in [min, max]. */
export function IntField(doc: FieldDoc, min: number, max: number): Decorator {
  return field(
    doc,
    { type: 'integer', minimum: min, maximum: max },
    IsInt({ message: numberMessage('a whole number') }),
    Min(min),
    Max(max),
  );
}

/**
 * Swagger resolves a lazy `type` only when the function is named `type` (as an arrow written in
 * `{ type: () => X }` is); one passed in as an argument is anonymous and would give an empty $ref.
 */
function lazyType(type: () => ClassType<unknown>): { type: () => ClassType<unknown> } {
  return { type: () => type() };
}

/** One nested object, validated by its own DTO. */
export function NestedField(type: () => ClassType<unknown>, doc: FieldDoc): Decorator {
  return field(doc, lazyType(type), IsObject(), ValidateNested(), Type(type));
}

/** A list of nested objects, each validated by its own DTO. */
export function NestedListField(
  type: () => ClassType<unknown>,
  doc: FieldDoc,
  { min = 0, max = MAX_LIST_ITEMS }: { min?: number; max?: number } = {},
): Decorator {
  return field(
    doc,
    { ...lazyType(type), isArray: true, minItems: min, maxItems: max },
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(max),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** A free-form JSON object with at least one key (a correction's changes). */
export function ObjectField(doc: FieldDoc): Decorator {
  return field(
    doc,
    { type: 'object', additionalProperties: true, minProperties: 1 },
    IsObject(),
    IsNotEmptyObject({ nullable: false }),
  );
}

/** The stream a correction belongs to. */
export function StreamField(doc: FieldDoc): Decorator {
  return field(
    doc,
    { type: String, pattern: STREAM_PATTERN.source },
    IsString(),
    Matches(STREAM_PATTERN, { message: STREAM_MESSAGE }),
  );
}

/** The id of a recorded event: a UUID. */
export function EventIdField(doc: FieldDoc): Decorator {
  return field(
    doc,
    { type: String, format: 'uuid' },
    IsString(),
    Matches(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
      message: '$property must be the id of a recorded event (a UUID)',
    }),
  );
}

/**
 * For the variant fields of a discriminated union flattened into one DTO: the field is allowed
 * only when `discriminator` is `value` (and then the field's own rules apply).
 */
export function OnlyWhen(discriminator: string, value: string): Decorator {
  return ValidateBy({
    name: 'onlyWhen',
    constraints: [discriminator, value],
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as Record<string, unknown> | undefined)?.[discriminator] === value,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} is allowed only when ${discriminator} is ${value}`,
    },
  });
}

/** A web address with its scheme (https://…): a webcast, a page of papers. */
export function UrlField(doc: FieldDoc): Decorator {
  return field(
    doc,
    { type: String, format: 'uri', maxLength: 2048 },
    IsString(),
    MaxLength(2048),
    IsUrl(
      { require_protocol: true },
      { message: '$property must be a web address with its scheme (https://…)' },
    ),
  );
}

/** The SHA-256 of some content, as 64 lower-case hexadecimal digits. */
export function Sha256Field(doc: FieldDoc): Decorator {
  return field(
    doc,
    { type: String, pattern: '^[0-9a-f]{64}$' },
    IsString(),
    Matches(/^[0-9a-f]{64}$/, { message: '$property must be a SHA-256: 64 lower-case hexadecimal digits' }),
  );
}

/** A media type (RFC 6838): type/subtype, without parameters (application/pdf, text/html). */
export function MediaTypeField(doc: FieldDoc): Decorator {
  const pattern = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
  return field(
    doc,
    { type: String, pattern: pattern.source, maxLength: 255 },
    IsString(),
    Matches(pattern, { message: '$property must be a media type such as application/pdf' }),
  );
}
