import type { ArgumentMetadata } from '@nestjs/common';
import { ProblemException } from '../problems/problem';
import { ledgerValidationPipe } from '../problems/validation';
import {
  ExportQueryDto,
  ListDecisionsQueryDto,
  ListProposalsQueryDto,
  PageQueryDto,
} from './reading-query.dto';

/** The errors a query string is refused with, as the client sees them, or the DTO it became. */
async function check(metatype: ArgumentMetadata['metatype'], query: Record<string, unknown>) {
  try {
    return { value: await ledgerValidationPipe().transform(query, { type: 'query', metatype }) };
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    return { errors: (error as ProblemException).extensions.errors };
  }
}

describe('query DTOs: one clear message per problem', () => {
  it.each(['abc', '0', '101', '1.5', '-1', '1e2', '0x10', ''])(
    'refuses limit=%j with one message',
    async (limit) => {
      expect(await check(PageQueryDto, { limit })).toEqual({
        errors: [{ field: 'limit', messages: ['limit must be a whole number from 1 to 100'] }],
      });
    },
  );

  it('reads a limit written in digits as a number', async () => {
    expect(await check(PageQueryDto, { limit: '100' })).toEqual({
      value: expect.objectContaining({ limit: 100 }),
    });
  });

  it('gives an export its own range and says a position is one', async () => {
    expect(await check(ExportQueryDto, { limit: '10001', after: 'x' })).toEqual({
      errors: [
        { field: 'after', messages: ['after must be a position: a whole number written in digits'] },
        { field: 'limit', messages: ['limit must be a whole number from 1 to 10000'] },
      ],
    });
  });

  it('says waitFor is a position, once', async () => {
    expect(await check(PageQueryDto, { waitFor: '1.5' })).toEqual({
      errors: [
        { field: 'waitFor', messages: ['waitFor must be a position: a whole number written in digits'] },
      ],
    });
  });

  it('says what an id, a status and a cursor must be, not which regular expression failed', async () => {
    const { errors } = await check(ListProposalsQueryDto, { bodyId: 'bad id', status: 'nope', after: '!' });
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'after', messages: ['after must be the cursor `next` of the previous page'] },
        {
          field: 'status',
          messages: [expect.stringMatching(/^status must be one of: under-consideration, /)],
        },
        { field: 'bodyId', messages: [expect.stringMatching(/^bodyId must be an id: /)] },
      ]),
    );
    expect(JSON.stringify(errors)).not.toMatch(/regular expression/);
    expect((await check(ListDecisionsQueryDto, { personId: 'a'.repeat(129) })).errors).toEqual([
      { field: 'personId', messages: [expect.stringMatching(/^personId must be an id: /)] },
    ]);
  });

  it('says an impossible date-time is not real, on its own field', async () => {
    expect(await check(PageQueryDto, { asOf: '2013-02-30T10:00:00Z' })).toEqual({
      errors: [{ field: 'asOf', messages: ['asOf is not a real date: 2013-02 has 28 days'] }],
    });
  });

  it('refuses a control character in a query value, naming the parameter', async () => {
    expect(await check(ListProposalsQueryDto, { bodyId: 'pa\u0000' })).toEqual({
      errors: [
        { field: 'bodyId', messages: [expect.stringMatching(/^bodyId has the control character U\+0000/)] },
      ],
    });
  });
});
