import { plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  IsIn,
  IsOptional,
  IsString,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { ProblemException } from '@ledger/http';
import {
  COMMAND_VALIDATOR_OPTIONS,
  DateField,
  jsonShapeProblems,
  type FieldProblem,
} from '@ledger/recording';

/*
 * The query parameters each page takes, as classes: a page asked with one it does not take (a
 * typo, `?asof=`, which would draw the present as if it were the date asked for) or with a date
 * not in the ledger's form is refused with 400, in the JSON API's words (its query validation
 * whitelists the same way, and its dates are the same DateField).
 */

/** Every page: the command a clerk's form just recorded, which the page it returns to confirms. */
class PageQuery {
  @IsOptional() @IsString() recorded?: string;
}

/** A record's page, drawn at a date: the JSON read's asOf and knownAt. */
export class DatedPageQuery extends PageQuery {
  @DateField({ description: 'As of', optional: true }) asOf?: string;
  @DateField({ description: 'As known at', optional: true }) knownAt?: string;
}

/** The proposal's page, which also compares two dates (the JSON API's diff). */
export class ProposalPageQuery extends DatedPageQuery {
  @DateField({ description: 'From', optional: true }) from?: string;
  @DateField({ description: 'To', optional: true }) to?: string;
}

/** The home page: its search by title. */
export class HomePageQuery extends PageQuery {
  @IsOptional() @IsString() q?: string;
}

/** An audit trail's page: its filters, and its CSV download. */
export class AuditTrailPageQuery extends DatedPageQuery {
  @IsOptional() @IsString() type?: string;
  @IsOptional() @IsString() recordedBy?: string;
  @IsOptional() @IsString() contains?: string;
  @IsOptional() @IsIn(['csv']) format?: string;
}

/** The audit trail's form, which names the trail to open. */
export class AuditIndexPageQuery extends PageQuery {
  @IsOptional() @IsString() entity?: string;
  @IsOptional() @IsString() id?: string;
}

/** The page that checks an entry is in the ledger. */
export class VerifyPageQuery extends PageQuery {
  @IsOptional() @IsString() eventId?: string;
}

/** The dates a page is drawn at, and those the proposal's compares. */
export type PageDates = Pick<ProposalPageQuery, 'asOf' | 'knownAt' | 'from' | 'to'>;

/**
 * The page's query as its class takes it (`DatedPageQuery`, …), each value trimmed; a field sent
 * blank (a date form left empty) is left out, as if not sent. Any other parameter, a repeated one,
 * or a date not in the ledger's form is refused with a problem naming each, and the parameters
 * the page takes when it was not asked with them.
 */
export function pageQuery<T extends object>(takes: new () => T, query: unknown): Partial<T> {
  const raw = withoutTracking(
    (query !== null && typeof query === 'object' ? query : {}) as Record<string, unknown>,
  );
  const shape = jsonShapeProblems(raw);
  if (shape.length > 0) throw refused(shape, takes);
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw))
    // Kept, blank or not: a parameter the page does not take is refused even when blank.
    given[key] = typeof value === 'string' ? value.trim() || undefined : value;
  const errors = validateSync(plainToInstance(takes, given), COMMAND_VALIDATOR_OPTIONS);
  if (errors.length > 0) throw refused(errors.map(problemOf), takes);
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * What sites and mail add to a link as it is shared (utm_source, fbclid, …): a journalist's link to
 * a page, shared on, must still open it. These are no page's parameters, so they are dropped
 * before the page's own are judged; a mistyped one of the page's own is still refused.
 */
const TRACKING =
  /^(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|twclid|igshid|mc_cid|mc_eid|_ga|_gl)$/;

function withoutTracking(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([key]) => !TRACKING.test(key)));
}

/** One field's problem as the JSON API lists it, each message once. */
function problemOf(error: ValidationError): FieldProblem {
  return { field: error.property, messages: [...new Set(Object.values(error.constraints ?? {}))] };
}

/**
 * The parameters a page's class takes, as its refusal names them, its parent's first (the dates
 * before the comparison's): not PageQuery's `recorded`, which a form sets on its way back, never
 * a reader.
 */
function parametersOf(takes: new () => object): string[] {
  const classes: Array<new () => object> = [];
  for (let c = takes; c.prototype instanceof PageQuery; c = Object.getPrototypeOf(c) as new () => object)
    classes.unshift(c);
  const fields = classes.flatMap((c) =>
    getMetadataStorage()
      .getTargetValidationMetadatas(c, '', true, false)
      .filter((m) => m.target === c)
      .map((m) => m.propertyName),
  );
  return [...new Set(fields)];
}

/**
 * The refusal: the JSON API's detail ("1 field(s) are not valid: asof") and its problems, and,
 * when a parameter is not one the page takes, the ones it does.
 */
function refused(problems: FieldProblem[], takes: new () => object): ProblemException {
  const parameters = parametersOf(takes);
  const detail = `${problems.length} field(s) are not valid: ${problems.map((p) => p.field).join(', ')}`;
  const unknown = problems.some((p) => !parameters.includes(p.field) && p.field !== 'recorded');
  return new ProblemException(
    'validation-failed',
    unknown ? `${detail}. This page takes ${parameters.join(', ') || 'no parameters'}.` : detail,
    { errors: problems },
  );
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** An id from a page's path, as the API's ids are: refused with a clear message otherwise. */
export function pageId(id: string, what: string): string {
  if (!ID.test(id))
    throw new ProblemException(
      'validation-failed',
      `${what} ids are 1-128 letters, digits, . _ : - (got "${id.slice(0, 40)}")`,
      { errors: [{ field: 'id', messages: ['not a valid id'] }] },
    );
  return id;
}
