import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainRuleViolation, VOTE_OPTIONS, within } from '@ledger/domain';
import { HttpRecorder, ProblemException, toProblem } from '@ledger/http';
import {
  GetBodyQuery,
  GetMeetingQuery,
  GetVoteQuery,
  NotFoundError,
  ProjectionService,
  type Viewer,
} from '@ledger/projections';
import { PageRenderer } from '../pages/page-renderer';
import { pageId } from '../pages/page-query';
import { LedgerReader } from '../view-models/ledger-reader';
import type { BodyRead, MeetingRead, VoteRead } from '../view-models/read-shapes';
import { meetingView } from '../view-models/registers.view';
import { CommandForms } from './command-forms';
import { FormRecorder, type FormRefused } from './form-recording';

const KEY = /^[A-Za-z0-9._:-]{1,100}$/;
type Member = { personId: string; name: string; bodyId: string; bodyName: string; capacity: string };

/**
 * The meeting as it happens, in order: open it, tick attendance, take agenda items, record each
 * vote member by member on one screen, the decisions, then the minutes. Every step records
 * through the API's HttpRecorder; the steps that are one command are the console's own forms.
 */
@ApiExcludeController()
@Controller('console/meetings')
export class MeetingConsoleController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reader: LedgerReader,
    private readonly recorder: HttpRecorder,
    private readonly projections: ProjectionService,
    private readonly forms: CommandForms,
    private readonly formRecorder: FormRecorder,
  ) {}

  @Get()
  open(@Query('meetingId') meetingId: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    try {
      const id = pageId(typeof meetingId === 'string' ? meetingId.trim() : '', 'Meeting');
      return reply.redirect(`/console/meetings/${encodeURIComponent(id)}`, 303);
    } catch (error) {
      return this.pages.problem(request, reply, error);
    }
  }

  @Get(':meetingId')
  meeting(@Param('meetingId') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const caller = this.pages.caller(request);
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    return this.pages.page(request, reply, async () => ({
      template: 'meeting-console',
      context: { ...(await this.consoleView(pageId(id, 'Meeting'), caller)), idempotencyKey: randomUUID() },
    }));
  }

  /**
   * The attendance form: the meeting held, who is here and who chairs. Recorded as the generic
   * form records RecordMeetingHeld; refused, the console is shown again with every problem beside
   * its field and what the clerk ticked, picked and typed still there, never the generic form.
   */
  // Posted to the console's own address, so the page refused is the console at its address.
  @Post(':meetingId')
  async attendance(
    @Param('meetingId') id: string,
    @Body() posted: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const caller = this.pages.caller(request);
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    const values = posted ?? {};
    const key =
      typeof values.idempotencyKey === 'string' && KEY.test(values.idempotencyKey)
        ? values.idempotencyKey
        : randomUUID();
    try {
      const meetingId = pageId(id, 'Meeting');
      const form = this.forms.get('recordMeetingHeld');
      if (!form) throw new ProblemException('not-found', 'There is no form recordMeetingHeld');
      // The meeting is the page's: its path names it, not a field of the form.
      const outcome = await this.formRecorder.record(form, { ...values, meetingId }, caller, request, key);
      if (outcome.recorded)
        return reply.redirect(
          `/console/meetings/${encodeURIComponent(meetingId)}?recorded=${form.type}`,
          303,
        );
      const view = await this.consoleView(meetingId, caller);
      return this.pages.render(
        request,
        reply,
        'meeting-console',
        {
          ...view,
          pageTitle: `Error: ${view.pageTitle}`,
          idempotencyKey: key,
          values,
          ticked: listOf(values['attendees[]']),
          ...onTheConsole(outcome),
        },
        outcome.status,
      );
    } catch (error) {
      return this.pages.problem(request, reply, error);
    }
  }

  /** The console of a meeting: its register view and who could attend it, or just its id when not recorded yet. */
  private async consoleView(meetingId: string, caller: Viewer) {
    const here = `/console/meetings/${encodeURIComponent(meetingId)}`;
    const view = await meetingView(this.reader, meetingId, {}, caller).catch((error) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (!view) return { pageTitle: `Meeting ${meetingId}`, meetingId, here };
    const day = meetingDay(view.meeting);
    const members = await this.membersOf(
      view.meeting.bodies.map((b) => b.id),
      day,
      caller,
    );
    // The heading is the meeting's title, so the page's title is too.
    return { ...view, pageTitle: view.meeting.title, meetingId, here, members, day, hasForms: true };
  }

  @Get(':meetingId/votes/:voteEventId')
  ballots(
    @Param('meetingId') id: string,
    @Param('voteEventId') voteId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const caller = this.pages.caller(request);
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    return this.pages.page(request, reply, async () => {
      const view = await this.ballotView(pageId(id, 'Meeting'), pageId(voteId, 'Vote'), caller);
      return {
        template: 'ballots',
        context: {
          ...view,
          idempotencyKey: randomUUID(),
          // The day the members are listed for, which the decider checks each ballot on.
          values: { occurredAt: view.day },
        },
      };
    });
  }

  @Post(':meetingId/votes/:voteEventId')
  async castBallots(
    @Param('meetingId') id: string,
    @Param('voteEventId') voteId: string,
    @Body() posted: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const caller = this.pages.caller(request);
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    let view: Awaited<ReturnType<MeetingConsoleController['ballotView']>>;
    try {
      view = await this.ballotView(pageId(id, 'Meeting'), pageId(voteId, 'Vote'), caller);
    } catch (error) {
      return this.pages.problem(request, reply, error);
    }
    const values = posted ?? {};
    const key =
      typeof values.idempotencyKey === 'string' && KEY.test(values.idempotencyKey)
        ? values.idempotencyKey
        : randomUUID();
    const again = (status: number, extra: Record<string, unknown>) =>
      this.pages.render(
        request,
        reply,
        'ballots',
        { ...view, pageTitle: `Error: ${view.pageTitle}`, idempotencyKey: key, values, ...extra },
        status,
      );
    const envelope = {
      occurredAt: str(values.occurredAt),
      source: { kind: str(values['source.kind']), reference: str(values['source.reference']) },
    };
    const choices = view.members
      .map((m) => ({ member: m, option: str(values[`option:${m.personId}:${m.bodyId}`]) }))
      .filter((c) => c.option !== undefined && !c.member.voted);
    const problems: Array<{ field: string; text: string }> = [];
    if (!envelope.occurredAt) problems.push({ field: 'occurredAt', text: 'Enter the date of the vote' });
    if (!envelope.source.kind)
      problems.push({ field: 'source.kind', text: 'Enter the kind of source, for example minutes' });
    if (!envelope.source.reference)
      problems.push({ field: 'source.reference', text: 'Enter the source, for example "Minutes, item 4"' });
    if (choices.length === 0 && values.close !== 'yes')
      problems.push({ field: 'ballots', text: 'Choose how at least one member voted, or close the vote' });
    if (problems.length > 0)
      return again(400, {
        errors: problems.map((p) => ({ text: p.text, href: `#field-${p.field.replace('.', '-')}` })),
        fieldErrors: Object.fromEntries(problems.map((p) => [p.field, p.text])),
      });
    try {
      let position = 0;
      // Each ballot has its own key derived from the form's: a resubmit after a refusal part-way
      // records only the ballots not yet recorded.
      for (const { member, option } of choices) {
        const body = {
          voteEventId: view.vote.voteEventId,
          personId: member.personId,
          bodyId: member.bodyId,
          option,
          ...envelope,
        };
        ({ position } = (
          await this.recorder.recordAs('CastVote', body, {}, caller, {
            idempotencyKey: `${key}.${member.personId}.${member.bodyId}`,
            correlationId: String(request.id),
            route: 'WEB ballots',
          })
        ).response);
      }
      if (values.close === 'yes')
        ({ position } = (
          await this.recorder.recordAs(
            'CloseVote',
            { voteEventId: view.vote.voteEventId, ...envelope },
            {},
            caller,
            { idempotencyKey: `${key}.close`, correlationId: String(request.id), route: 'WEB close' },
          )
        ).response);
      await this.projections.waitFor(position);
      return reply.redirect(
        `${view.here}?recorded=${values.close === 'yes' ? 'CloseVote' : 'CastVote'}`,
        303,
      );
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) return this.pages.problem(request, reply, error);
      if (error instanceof DomainRuleViolation || !problem.errors?.length)
        return again(problem.status, {
          refusal: { sentence: problem.title, detail: problem.detail, code: problem.code },
        });
      return again(problem.status, {
        errors: problem.errors.map((e) => ({
          text: `${e.field}: ${e.messages.join('; ')}`,
          href: `#field-${e.field.replace(/[^A-Za-z0-9_-]/g, '-')}`,
        })),
        fieldErrors: Object.fromEntries(problem.errors.map((e) => [e.field, e.messages.join('; ')])),
      });
    }
  }

  private async ballotView(meetingId: string, voteEventId: string, viewer: Viewer) {
    const [meeting, vote] = await Promise.all([
      this.reader.ask<MeetingRead>(new GetMeetingQuery(meetingId, {}, viewer)),
      this.reader.ask<VoteRead>(new GetVoteQuery(voteEventId, {}, viewer)),
    ]);
    const cast = new Map<string, string>(vote.votes.map((v) => [`${v.person.id}:${v.body.id}`, v.option]));
    const members = (
      await this.membersOf(
        vote.votingBodies.map((b) => b.id),
        meetingDay(meeting),
        viewer,
      )
    ).map((m) => ({ ...m, voted: cast.get(`${m.personId}:${m.bodyId}`) }));
    return {
      // As ballots.njk heads it.
      pageTitle: vote.question ?? `Vote ${vote.voteEventId}`,
      day: meetingDay(meeting),
      meeting,
      vote,
      members,
      options: VOTE_OPTIONS,
      here: `/console/meetings/${encodeURIComponent(meetingId)}`,
    };
  }

  /**
   * Who held a post on the bodies on the meeting's day: the people who could attend, vote and
   * decide for them then (the deciders hold each ballot and attendance to the same rule, `within`
   * a term, on the date the clerk enters). A meeting of 2012 lists the members of 2012, not today's.
   */
  private async membersOf(bodyIds: string[], day: string, viewer: Viewer): Promise<Member[]> {
    const bodies = await Promise.all(
      bodyIds.map((id) => this.reader.ask<BodyRead>(new GetBodyQuery(id, {}, viewer)).catch(() => undefined)),
    );
    const found = bodies.filter((body): body is BodyRead => body !== undefined);
    return found.flatMap((body) =>
      (body.officeHolders ?? [])
        .filter((m) => within(day, m.startDate, m.endDate))
        .map((m) => ({
          personId: m.person.id,
          name: m.person.name,
          bodyId: body.bodyId,
          bodyName: body.name,
          capacity: m.post.label,
        })),
    );
  }
}

/** The day a meeting's members are counted on: the day it was held, or the day it is set for. */
function meetingDay(meeting: Pick<MeetingRead, 'heldOn' | 'scheduledFor'>): string {
  return meeting.heldOn ?? meeting.scheduledFor;
}

function str(value: unknown): string | undefined {
  const text: unknown = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** What a form posts under one name, as a list: a lone ticked box posts a string. */
function listOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}

/**
 * A refusal as the console shows it: the chair is one select and the attendees one set of boxes,
 * where the generic form has a field for each part (chair.personId) or a JSON box (attendees).
 */
function onTheConsole(refused: FormRefused) {
  const fieldOf = (name: string) =>
    name.startsWith('chair') ? 'chair' : name.startsWith('attendees') ? 'attendees' : name;
  // The console asks "When it happened", where the generic form's label is "Occurred at".
  const words = (text: string) => text.replace(/^Occurred at\b/, 'The date it happened');
  const fieldErrors: Record<string, string> = {};
  for (const [name, said] of Object.entries(refused.fieldErrors ?? {})) {
    const field = fieldOf(name);
    const text = words(said);
    fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]}; ${text}` : text;
  }
  return {
    refusal: refused.refusal,
    fieldErrors,
    errors: refused.errors?.map((e) => ({
      text: words(e.text),
      href: e.href?.replace(/^#field-(chair|attendees)\b.*$/, '#field-$1'),
    })),
  };
}
