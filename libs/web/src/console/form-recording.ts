import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainRuleViolation } from '@ledger/domain';
import { HttpRecorder, toProblem, type Caller } from '@ledger/http';
import { ProjectionService } from '@ledger/projections';
import { bodyFromForm, idOf, NO_SOURCE, type CommandForm } from './command-forms';

/** What the page shows of a form the ledger did not record: every bad field, or the rule's refusal. */
export interface FormRefused {
  status: number;
  errors?: Array<{ text: string; href?: string }>;
  fieldErrors?: Record<string, string>;
  refusal?: { sentence: string; detail?: string; code?: string };
}

export type FormOutcome =
  | {
      recorded: true;
      response: Awaited<ReturnType<HttpRecorder['recordAs']>>['response'];
      replayed: boolean;
      body: Record<string, unknown>;
      pathParams: Record<string, string>;
    }
  | ({ recorded: false } & FormRefused);

/**
 * A posted command form recorded through the API's own HttpRecorder, or why not, as a page shows
 * it. The generic forms and the live console's own forms share it, so both name the same fields
 * the same way. A fault of the service itself (5xx) is thrown, for the page's error page.
 */
@Injectable()
export class FormRecorder {
  constructor(
    private readonly recorder: HttpRecorder,
    private readonly projections: ProjectionService,
  ) {}

  async record(
    form: CommandForm,
    values: Record<string, unknown>,
    caller: Caller,
    request: FastifyRequest,
    idempotencyKey: string,
  ): Promise<FormOutcome> {
    const { body, pathParams, problems } = bodyFromForm(form, values);
    if (problems.length > 0) {
      // The form's own problems (a blank required field, a malformed date) and, in the same round,
      // what the API finds wrong with the fields the clerk did fill in: never one round after another.
      // A field the form has named already, or a part or whole of one (source and source.kind).
      const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
      const named = (field: string) => problems.some((p) => within(field, p.field) || within(p.field, field));
      const more = this.recorder.problemsOf(form.type, body, pathParams).filter((p) => !named(p.field));
      return {
        recorded: false,
        status: 400,
        ...fieldErrors(form, [...problems.map((p) => ({ field: p.field, messages: [p.message] })), ...more]),
      };
    }
    try {
      const { response, replayed } = await this.recorder.recordAs(form.type, body, pathParams, caller, {
        idempotencyKey,
        correlationId: String(request.id),
        route: `WEB ${form.operationId}`,
      });
      // Read your own write: the next page shows what was just recorded.
      await this.projections.waitFor(response.position);
      return { recorded: true, response, replayed, body, pathParams };
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) throw error;
      if (!(error instanceof DomainRuleViolation) && problem.errors?.length)
        return { recorded: false, status: problem.status, ...fieldErrors(form, problem.errors) };
      return {
        recorded: false,
        status: problem.status,
        refusal: { sentence: problem.title, detail: problem.detail, code: problem.code },
      };
    }
  }
}

/** Each problem beside the field it names (source.reference, attendees[0].capacity → attendees), and all in the summary. */
export function fieldErrors(form: CommandForm, errors: Array<{ field: string; messages: string[] }>) {
  const byField: Record<string, string> = {};
  const summary: Array<{ text: string; href?: string }> = [];
  for (const e of errors) {
    const field = form.fields
      .map((f) => f.name)
      .filter((name) => e.field === name || e.field.startsWith(`${name}.`) || e.field.startsWith(`${name}[`))
      .sort((a, b) => b.length - a.length)[0];
    const text = plainly(e.field, e.messages.join('; '));
    // A problem with an object posted whole (the console's chair) names the object in its own
    // words: it is shown beside the object's first field.
    const part = field ? undefined : form.fields.find((f) => f.name.startsWith(`${e.field}.`))?.name;
    if (part) {
      byField[part] = byField[part] ? `${byField[part]}; ${text}` : text;
      summary.push({ text, href: `#${idOf(part)}` });
      continue;
    }
    if (field) byField[field] = byField[field] ? `${byField[field]}; ${text}` : text;
    summary.push({
      text: field
        ? text.startsWith('Enter ') || text.startsWith(labelFor(form, field))
          ? text
          : `${labelFor(form, field)}: ${text}`
        : `${e.field || 'The form'}: ${text}`,
      href: field ? `#${idOf(field)}` : undefined,
    });
  }
  return { errors: summary, fieldErrors: byField };
}

/** The API's words for a missing source are for API callers ({ kind, reference, url? }): the clerk gets plain ones. */
function plainly(field: string, text: string): string {
  return field === 'source' && text.startsWith('source is required') ? NO_SOURCE : text;
}

function labelFor(form: CommandForm, name: string): string {
  return form.fields.find((f) => f.name === name)?.label ?? name;
}
