import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ProblemException } from '@ledger/http';
import { DateField } from '@ledger/recording';

/** The dates a page can be drawn at: the same rule as the JSON API's asOf and knownAt. */
export class PageDatesDto {
  @DateField({ description: 'As of', optional: true }) asOf?: string;
  @DateField({ description: 'As known at', optional: true }) knownAt?: string;
  @DateField({ description: 'From', optional: true }) from?: string;
  @DateField({ description: 'To', optional: true }) to?: string;
}

const LABELS: Record<string, string> = {
  asOf: 'The date to show the page as of',
  knownAt: 'The date to show what the ledger knew on',
  from: 'The first date to compare',
  to: 'The second date to compare',
};

/**
 * Reads the page's dates from its query string, leaving out empty fields (a date form submitted
 * blank); a date not in the ledger's form is refused with a message naming the field.
 */
export function pageDates(query: Record<string, unknown>): PageDatesDto {
  const given: Record<string, string> = {};
  for (const key of Object.keys(LABELS)) {
    const value = query[key];
    if (typeof value === 'string' && value.trim() !== '') given[key] = value.trim();
    // A repeated parameter arrives as a list: shown as written, the validator then names it.
    else if (value !== undefined && typeof value !== 'string') given[key] = JSON.stringify(value);
  }
  const errors = validateSync(plainToInstance(PageDatesDto, given));
  if (errors.length > 0) {
    const problems = errors.map((e) => ({
      field: e.property,
      messages: [
        `${LABELS[e.property]} must be a date like 2012-11-23 (or a date and time with its zone, 2012-11-23T10:00:00Z)`,
      ],
    }));
    throw new ProblemException('validation-failed', problems.map((p) => p.messages[0]).join('. '), {
      errors: problems,
    });
  }
  return given;
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
