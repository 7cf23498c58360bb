import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainRuleViolation, VOTE_OPTIONS, within } from '@ledger/domain';
import { HttpRecorder, toProblem } from '@ledger/http';
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
    return this.pages.page(request, reply, async () => {
      const meetingId = pageId(id, 'Meeting');
      const here = `/console/meetings/${encodeURIComponent(meetingId)}`;
      const view = await meetingView(this.reader, meetingId, caller).catch((error) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (!view)
        return {
          template: 'meeting-console',
          context: { pageTitle: `Meeting ${meetingId}`, meetingId, here },
        };
      const day = meetingDay(view.meeting);
      const members = await this.membersOf(
        view.meeting.bodies.map((b) => b.id),
        day,
        caller,
      );
      return {
        template: 'meeting-console',
        context: {
          ...view,
          pageTitle: `Record live: ${view.meeting.title}`,
          meetingId,
          here,
          members,
          day,
          idempotencyKey: randomUUID(),
          hasForms: true,
        },
      };
    });
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
      pageTitle: `Vote: ${vote.question}`,
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
