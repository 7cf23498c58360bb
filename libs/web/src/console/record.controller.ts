import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainRuleViolation } from '@ledger/domain';
import { HttpRecorder, ProblemException, toProblem } from '@ledger/http';
import { ProjectionService } from '@ledger/projections';
import { PageRenderer } from '../pages/page-renderer';
import { bodyFromForm, CommandForms, idOf, type CommandForm } from './command-forms';
import { safeReturnTo } from './console-access';

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A form for every command, recorded through the API's own HttpRecorder: the same validation,
 * the same rules, the same idempotency. Each form carries a fresh idempotency key, so a double
 * submit records once; a refusal shows the rule's sentence and every bad field beside its input.
 */
@ApiExcludeController()
@Controller('console')
export class RecordController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: CommandForms,
    private readonly recorder: HttpRecorder,
    private readonly projections: ProjectionService,
  ) {}

  @Get()
  index(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    const groups = new Map<string, CommandForm[]>();
    for (const form of this.forms.all()) groups.set(form.group, [...(groups.get(form.group) ?? []), form]);
    return this.pages.render(request, reply, 'console', {
      pageTitle: "Clerk's console",
      groups: [...groups].map(([name, forms]) => ({ name, forms })),
    });
  }

  @Get('record/:operationId')
  form(
    @Param('operationId') operationId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    return this.pages.page(request, reply, () => {
      const form = this.formOf(operationId);
      // Links prefill fields (a correction names its event, a meeting's forms its meetingId).
      const values: Record<string, unknown> = {};
      for (const field of form.fields)
        if (typeof query[field.name] === 'string') values[field.name] = query[field.name];
      return {
        template: 'record',
        context: {
          pageTitle: form.title,
          form,
          values,
          idempotencyKey: randomUUID(),
          returnTo: safeReturnTo(query.returnTo),
          hasForms: true,
        },
      };
    });
  }

  @Post('record/:operationId')
  async record(
    @Param('operationId') operationId: string,
    @Body() posted: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const caller = this.pages.caller(request);
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    let form: CommandForm;
    try {
      form = this.formOf(operationId);
    } catch (error) {
      return this.pages.problem(request, reply, error);
    }
    const values = posted ?? {};
    const idempotencyKey =
      typeof values.idempotencyKey === 'string' && KEY.test(values.idempotencyKey)
        ? values.idempotencyKey
        : randomUUID();
    const returnTo = safeReturnTo(values.returnTo);
    const again = (status: number, extra: Record<string, unknown>) =>
      this.pages.render(
        request,
        reply,
        'record',
        {
          pageTitle: `Error: ${form.title}`,
          form,
          values,
          idempotencyKey,
          returnTo,
          hasForms: true,
          ...extra,
        },
        status,
      );

    const { body, pathParams, problems } = bodyFromForm(form, values);
    if (problems.length > 0)
      return again(
        400,
        fieldErrors(
          form,
          problems.map((p) => ({ field: p.field, messages: [p.message] })),
        ),
      );
    try {
      const { response, replayed } = await this.recorder.recordAs(form.type, body, pathParams, caller, {
        idempotencyKey,
        correlationId: String(request.id),
        route: `WEB ${form.operationId}`,
      });
      // Read your own write: the next page shows what was just recorded.
      await this.projections.waitFor(response.position);
      if (returnTo)
        return reply.redirect(
          `${returnTo}${returnTo.includes('?') ? '&' : '?'}recorded=${encodeURIComponent(form.type)}`,
          303,
        );
      return this.pages.render(
        request,
        reply,
        'recorded',
        { pageTitle: 'Recorded', form, response, replayed, body, pathParams },
        201,
      );
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) return this.pages.problem(request, reply, error);
      if (error instanceof DomainRuleViolation)
        return again(problem.status, {
          refusal: { sentence: problem.title, detail: problem.detail, code: problem.code },
        });
      if (problem.errors?.length) return again(problem.status, fieldErrors(form, problem.errors));
      return again(problem.status, {
        refusal: { sentence: problem.title, detail: problem.detail, code: problem.code },
      });
    }
  }

  private formOf(operationId: string): CommandForm {
    const form = this.forms.get(operationId);
    if (!form)
      throw new ProblemException(
        'not-found',
        `There is no form ${operationId.slice(0, 64)}; the console lists every form`,
      );
    return form;
  }
}

/** Each problem beside the field it names (source.reference, attendees[0].capacity → attendees), and all in the summary. */
function fieldErrors(form: CommandForm, errors: Array<{ field: string; messages: string[] }>) {
  const byField: Record<string, string> = {};
  const summary: Array<{ text: string; href?: string }> = [];
  for (const e of errors) {
    const field = form.fields
      .map((f) => f.name)
      .filter((name) => e.field === name || e.field.startsWith(`${name}.`) || e.field.startsWith(`${name}[`))
      .sort((a, b) => b.length - a.length)[0];
    const text = e.messages.join('; ');
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
        ? text.startsWith('Enter ')
          ? text
          : `${labelFor(form, field)}: ${text}`
        : `${e.field || 'The form'}: ${text}`,
      href: field ? `#${idOf(field)}` : undefined,
    });
  }
  return { errors: summary, fieldErrors: byField };
}

function labelFor(form: CommandForm, name: string): string {
  return form.fields.find((f) => f.name === name)?.label ?? name;
}
