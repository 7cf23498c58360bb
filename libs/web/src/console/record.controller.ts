import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from '@ledger/http';
import { PageRenderer } from '../pages/page-renderer';
import { CommandForms, type CommandForm } from './command-forms';
import { safeReturnTo } from './console-access';
import { FormRecorder, type FormOutcome } from './form-recording';

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
    private readonly recorder: FormRecorder,
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

    let outcome: FormOutcome;
    try {
      outcome = await this.recorder.record(form, values, caller, request, idempotencyKey);
    } catch (error) {
      return this.pages.problem(request, reply, error);
    }
    if (!outcome.recorded) {
      const { status, ...shown } = outcome;
      // The form's key recorded another entry already (sent, then Back, changed and sent again):
      // the form shown again gets a fresh key, or sending it would be refused the same way for ever.
      if (shown.refusal?.code === 'idempotency-key-reused')
        return again(status, {
          ...shown,
          idempotencyKey: randomUUID(),
          refusal: {
            ...shown.refusal,
            detail:
              'This form was sent before and recorded an entry with other values. Nothing more was recorded. Check the values below and send the form again to record them as a new entry.',
          },
        });
      return again(status, shown);
    }
    const { response, replayed, body, pathParams } = outcome;
    if (returnTo)
      return reply.redirect(
        `${returnTo}${returnTo.includes('?') ? '&' : '?'}recorded=${encodeURIComponent(form.type)}`,
        303,
      );
    return this.pages.render(
      request,
      reply,
      'recorded',
      { pageTitle: replayed ? 'Already recorded' : 'Recorded', form, response, replayed, body, pathParams },
      201,
    );
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
