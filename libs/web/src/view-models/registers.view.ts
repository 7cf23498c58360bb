import {
  GetBodyQuery,
  GetMeetingQuery,
  GetPersonQuery,
  GetVoteQuery,
  ListBodiesQuery,
  ListDecisionsQuery,
  ListMeetingsQuery,
  ListVotesByPersonQuery,
  type TimeCut,
  type Viewer,
} from '@ledger/projections';
import type { LedgerReader } from './ledger-reader';
import type { BodyRead, MeetingRead, Named, PersonRead, VoteRead } from './read-shapes';
import { text } from '../pages/template-filters';
import { registerPath, replayAt, timelineOf } from './timeline.view';
import { bothWanted, idsOfTrail, PageNames } from './names';
import { registerAsGiven } from './decision-dates';

interface Decision {
  decisionId: string;
  proposal: { id: string; title: string };
  body: Named;
  person?: Named;
  outcome: string;
  date: string;
  /** Whether `date` is approximate, as the register's row flags it. */
  dateApproximate: boolean;
  meetingId?: string;
  rationale?: string;
  reference?: string;
  eventId: string;
  signed?: { on?: string };
  undoesDecisionId?: string;
}

/** A body: its posts and office holders over time, predecessors and successor, meetings and numbered decisions. */
export async function bodyView(reader: LedgerReader, bodyId: string, cut: TimeCut, viewer: Viewer) {
  const [body, bodies, meetings, decisions] = await Promise.all([
    reader.ask<BodyRead>(new GetBodyQuery(bodyId, cut, viewer)),
    reader.all<{ bodyId: string; name: string; successorId?: string; dissolutionDate?: string }>(
      (page) => new ListBodiesQuery({}, page, cut),
    ),
    reader.all<{ meetingId: string; title: string; scheduledFor: string; status: string; heldOn?: string }>(
      (page) => new ListMeetingsQuery({ bodyId }, page, cut, viewer),
    ),
    reader.all<Decision>((page) => new ListDecisionsQuery({ bodyId }, page, cut, viewer)),
  ]);
  // A record without the body's own reference is "Not numbered": a number made from its place in
  // the list would differ between viewers (the public does not see an exempt decision) and would
  // change whenever a decision dated earlier was recorded, so no one could cite it.
  const register = (await registerAsGiven(reader, decisions, cut, viewer)).sort((a, b) =>
    a.date === b.date ? a.decisionId.localeCompare(b.decisionId) : a.date < b.date ? -1 : 1,
  );
  return {
    pageTitle: body.name,
    body,
    predecessors: bodies.filter((b) => b.successorId === bodyId),
    meetings,
    register,
    cut,
  };
}

/** A question from the public as its events give it: whom it was put to and who answered, by id. */
interface QuestionAsked {
  questionId?: string;
  toBodyId?: string;
  toPersonId?: string;
  answer?: { answeredBy?: string };
}

/** The public questions put at a meeting, each with its answer, from the meeting's trail (as the viewer may see it). */
function questionsOf(items: Array<{ type: string; data: Record<string, unknown> }>): QuestionAsked[] {
  const answers = new Map(
    items.filter((e) => e.type === 'PublicQuestionAnswered').map((e) => [String(e.data.questionId), e.data]),
  );
  return items
    .filter((e) => e.type === 'PublicQuestionAsked')
    .map((e) => ({ ...e.data, answer: answers.get(String(e.data.questionId)) }));
}

/**
 * A meeting: agenda (as the viewer may see it), attendance, each vote member by member, decisions
 * and minutes, all at the cut (as the JSON API's GET /meetings/{id} draws it: scheduled, held, its
 * items and papers so far, or 404 before it was scheduled), and the days it can be replayed to.
 */
export async function meetingView(reader: LedgerReader, meetingId: string, cut: TimeCut, viewer: Viewer) {
  const meeting = await reader.ask<MeetingRead>(new GetMeetingQuery(meetingId, cut, viewer));
  const isCut = cut.asOf !== undefined || cut.knownAt !== undefined;
  // The public learns only that a private meeting took place: its record is not read at all.
  // Not stated is not private: the public reads the record of a meeting no source calls private.
  const readsRecord = meeting.publicity !== 'private' || viewer.role !== 'public';
  const none = { items: [], truncated: false };
  const [trail, trailNow] = await Promise.all([
    readsRecord ? reader.trail('meeting', meetingId, cut, viewer) : none,
    // The slider steps through every day of the record now, whatever the cut drawn.
    readsRecord && isCut ? reader.trail('meeting', meetingId, {}, viewer) : undefined,
  ]);
  const voteIds = [
    ...new Set(trail.items.filter((e) => e.type === 'VoteOpened').map((e) => String(e.data.voteEventId))),
  ];
  const votes = await Promise.all(
    voteIds.map((id) => reader.ask<VoteRead>(new GetVoteQuery(id, cut, viewer)).catch(() => undefined)),
  );
  const decisions = trail.items.filter((e) => e.type === 'DecisionRecorded');
  const recommendations = trail.items.filter((e) => e.type === 'RecommendationIssued');
  const attendees = meeting.attendees ?? [];
  const questions = questionsOf(trail.items);
  // The events and the register's row give ids alone: the page shows the names. Each is read as
  // this viewer reads it, and only from what this viewer's reads of the meeting gave (the trail's
  // ids include whom each question was put to and who answered it).
  const names = await new PageNames(reader, viewer, cut).book(
    bothWanted(idsOfTrail(trail.items), {
      person: [...attendees.map((a) => a.personId), ...(meeting.interests ?? []).map((i) => i.personId)],
      body: [...attendees.map((a) => a.bodyId), ...(meeting.quorum?.bodies ?? []).map((b) => b.bodyId)],
    }),
  );
  return {
    pageTitle: meeting.title,
    meeting,
    votes: votes.filter(Boolean),
    decisions,
    recommendations,
    questions,
    timeline: timelineOf(trail.items, undefined, names, registerPath('meetings', meetingId)),
    names,
    cut,
    replay: replayAt((trailNow ?? trail).items, cut.asOf),
  };
}

/** A person: posts held, votes cast, and the decisions they took, signed or took under delegation. */
export async function personView(reader: LedgerReader, personId: string, cut: TimeCut, viewer: Viewer) {
  const [person, votes, decisions, trail] = await Promise.all([
    reader.ask<PersonRead>(new GetPersonQuery(personId, cut, viewer)),
    reader.all<{
      voteEventId: string;
      question?: string;
      option: string;
      date: string;
      meetingId?: string;
      result?: string;
    }>((page) => new ListVotesByPersonQuery(personId, page, cut, viewer)),
    reader.all<Decision>((page) => new ListDecisionsQuery({ personId }, page, cut, viewer)),
    reader.trail('person', personId, cut, viewer),
  ]);
  const left = new Map(
    trail.items
      .filter((e) => e.type === 'OfficeHolderLeft')
      .map((e) => [text(e.data.membershipId), text(e.data.endDate ?? e.occurredAt)]),
  );
  const posts = trail.items
    .filter((e) => e.type === 'OfficeHolderAppointed')
    .map((e) => ({
      bodyId: text(e.data.bodyId ?? e.stream.replace(/^body-/, '')),
      postId: text(e.data.postId),
      startDate: text(e.data.startDate ?? e.occurredAt),
      endDate: left.get(text(e.data.membershipId)),
    }));
  // The appointments give the body and the post by id, both named by the body's read; the votes
  // give their meetings by id.
  const named = new PageNames(reader, viewer, cut);
  const bodyIds = posts.map((p) => p.bodyId);
  const [names, postLabels] = await Promise.all([
    named.book({ body: bodyIds, meeting: votes.map((v) => v.meetingId) }),
    named.posts(bodyIds),
  ]);
  return {
    pageTitle: person.displayName,
    person,
    posts: posts.map((p) => ({
      ...p,
      bodyName: names.body[p.bodyId] ?? p.bodyId,
      postLabel: postLabels[p.bodyId]?.[p.postId] ?? p.postId,
    })),
    votes,
    names,
    register: await registerAsGiven(reader, decisions, cut, viewer),
    cut,
  };
}
