import type { Readable } from 'node:stream';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, type Observable } from 'rxjs';
import { ANONYMOUS, type Caller } from '../auth/caller';
import { ledgerValidationPipe } from '../problems/validation';
import { IdParamPipe } from '../reading/id-param.pipe';
import {
  DateRangeQueryDto,
  ListDecisionsQueryDto,
  ListMeetingsQueryDto,
  ListRecommendationsQueryDto,
  PageQueryDto,
} from '../reading/reading-query.dto';
import { RegisterCsvService } from './register-csv.service';
import type { RegisterName } from './register-csv';

type Request = FastifyRequest & { caller?: Caller };

/** How much the caller wants a media type, by its Accept header (RFC 9110 q-values; absent: 0). */
function preference(accept: string, type: string): number {
  for (const range of accept.split(',')) {
    const [name, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (name !== type) continue;
    const q = params.find((p) => p.startsWith('q='));
    return q ? Number(q.slice(2)) || 0 : 1;
  }
  return 0;
}

/** Whether a request asks for CSV over JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const csv = preference(accept, 'text/csv');
  return csv > 0 && csv >= preference(accept, 'application/json');
}

/** The headers of a register's CSV download. */
export function setCsvHeaders(reply: FastifyReply, register: RegisterName): void {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${register}.csv"`);
}

const pipe = ledgerValidationPipe();
const idPipe = new IdParamPipe();
const query = <T>(req: Request, metatype: new () => T) =>
  pipe.transform(req.query, { type: 'query', metatype }) as Promise<T>;
const param = (req: Request, name: string) =>
  idPipe.transform((req.params as Record<string, string>)[name], { type: 'param', data: name });

/** Each register read that answers CSV too, by its handler's name: the CSV of the same query. */
const CSV_OF: Record<
  string,
  { register: RegisterName; csv: (s: RegisterCsvService, req: Request, caller: Caller) => Promise<Readable> }
> = {
  decisions: {
    register: 'decisions',
    csv: async (s, req, caller) => s.decisions(await query(req, ListDecisionsQueryDto), caller),
  },
  personDecisions: {
    register: 'decisions',
    csv: async (s, req, caller) =>
      s.decisions({ ...(await query(req, DateRangeQueryDto)), personId: param(req, 'personId') }, caller),
  },
  recommendations: {
    register: 'recommendations',
    csv: async (s, req, caller) => s.recommendations(await query(req, ListRecommendationsQueryDto), caller),
  },
  meetings: {
    register: 'meetings',
    csv: async (s, req, caller) => s.meetings(await query(req, ListMeetingsQueryDto), caller),
  },
  votes: {
    register: 'votes',
    csv: async (s, req, caller) => s.votes(param(req, 'personId'), await query(req, PageQueryDto), caller),
  },
  audit: {
    register: 'audit',
    csv: async (s, req, caller) =>
      s.audit(
        (req.params as Record<string, string>).entity,
        param(req, 'id'),
        await query(req, PageQueryDto),
        caller,
      ),
  },
};

/**
 * `Accept: text/csv` on a register's own route answers its CSV (the same as its `.csv` route):
 * the query string is validated as the JSON route validates it, and the rows come from the same
 * query. Any other request goes to the route as usual.
 */
@Injectable()
export class CsvOnAccept implements NestInterceptor {
  constructor(private readonly csv: RegisterCsvService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const answer = CSV_OF[context.getHandler().name];
    if (!answer || !wantsCsv(req.headers.accept)) return next.handle();
    return from(
      answer.csv(this.csv, req, req.caller ?? ANONYMOUS).then((stream) => {
        setCsvHeaders(http.getResponse<FastifyReply>(), answer.register);
        return stream;
      }),
    );
  }
}
