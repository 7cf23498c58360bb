import {
  GetAllianceQuery,
  GetBodyQuery,
  GetMeetingQuery,
  GetPersonQuery,
  GetProposalQuery,
  type TimeCut,
  type Viewer,
} from '@ledger/projections';
import type { LedgerReader, TrailEntry } from './ledger-reader';

/** The kinds a page names by their reads (NAME_FIELD): a vote, a document, … are shown by id. */
const NAMED_KINDS = ['body', 'person', 'meeting', 'proposal', 'alliance'] as const;
export type NamedKind = (typeof NAMED_KINDS)[number];

export const isNamedKind = (kind: string): kind is NamedKind =>
  (NAMED_KINDS as readonly string[]).includes(kind);

/** The ids a page names, by kind: those it could not read are left out (the page shows the id). */
export type NameBook = Record<NamedKind, Record<string, string>>;

/** The ids a page wants named, by kind; absent and repeated ids are allowed. */
export type WantedNames = Partial<Record<NamedKind, Iterable<string | undefined>>>;

/**
 * Names for the ids an event or a read gives alone (an attendee's personId, a decision's bodyId):
 * each read through the same queries, visibility and cut as the page itself, so a page never
 * names what its reader may not see (a private meeting's title stays withheld from the public).
 * One PageNames serves one page render: each id is read once however often the page names it.
 */
export class PageNames {
  private readonly asked = new Map<string, Promise<Record<string, unknown> | undefined>>();

  constructor(
    private readonly reader: LedgerReader,
    private readonly viewer: Viewer,
    private readonly cut: TimeCut = {},
  ) {}

  /** The names of the ids wanted, read together. */
  async book(wanted: WantedNames): Promise<NameBook> {
    const book: NameBook = { body: {}, person: {}, meeting: {}, proposal: {}, alliance: {} };
    const reads: Array<Promise<void>> = [];
    for (const [kind, ids] of Object.entries(wanted) as Array<[NamedKind, Iterable<string | undefined>]>)
      for (const id of new Set(ids))
        if (typeof id === 'string' && id !== '')
          reads.push(
            this.answer(kind, id).then((answer) => {
              const name = answer?.[NAME_FIELD[kind]];
              if (typeof name === 'string') book[kind][id] = name;
            }),
          );
    await Promise.all(reads);
    return book;
  }

  /**
   * The labels of each body's posts, by body id then post id, from the same read of the body as
   * its name (a post is named only by its body's read). A body not read gives none.
   */
  async posts(bodyIds: Iterable<string>): Promise<Record<string, Record<string, string>>> {
    const labels: Record<string, Record<string, string>> = {};
    await Promise.all(
      [...new Set(bodyIds)].map(async (bodyId) => {
        const posts = (await this.answer('body', bodyId))?.posts;
        if (!Array.isArray(posts)) return;
        labels[bodyId] = Object.fromEntries(
          (posts as Array<{ postId?: unknown; label?: unknown }>)
            .filter((p) => typeof p.postId === 'string' && typeof p.label === 'string')
            .map((p) => [p.postId as string, p.label as string]),
        );
      }),
    );
    return labels;
  }

  /** The read of one id, asked once per page however often the page names it. */
  private answer(kind: NamedKind, id: string): Promise<Record<string, unknown> | undefined> {
    const key = `${kind}:${id}`;
    let asked = this.asked.get(key);
    if (!asked) {
      // Not found, or not for this reader: the page shows the id it was given, as before.
      asked = this.reader.ask<Record<string, unknown>>(this.query(kind, id)).catch(() => undefined);
      this.asked.set(key, asked);
    }
    return asked;
  }

  private query(kind: NamedKind, id: string): object {
    const { cut, viewer } = this;
    switch (kind) {
      case 'body':
        return new GetBodyQuery(id, cut, viewer);
      case 'person':
        return new GetPersonQuery(id, cut, viewer);
      case 'meeting':
        return new GetMeetingQuery(id, cut, viewer);
      case 'proposal':
        return new GetProposalQuery(id, cut, viewer);
      case 'alliance':
        return new GetAllianceQuery(id, cut, viewer);
    }
  }
}

/** Where each kind's read gives its name. */
const NAME_FIELD: Record<NamedKind, string> = {
  body: 'name',
  person: 'displayName',
  meeting: 'title',
  proposal: 'title',
  alliance: 'name',
};

/** The ids a trail's entries name by themselves, which its timeline links to. */
export function idsOfTrail(items: TrailEntry[]): WantedNames {
  const of = (field: string) =>
    items.map((e) => e.data?.[field]).filter((v): v is string => typeof v === 'string');
  return {
    meeting: of('meetingId'),
    body: [...of('bodyId'), ...of('byBodyId'), ...of('toBodyId')],
    person: [...of('personId'), ...of('toPersonId'), ...of('answeredBy')],
    proposal: of('proposalId'),
  };
}

/** Two sets of wanted ids as one. */
export function bothWanted(a: WantedNames, b: WantedNames): WantedNames {
  return Object.fromEntries(NAMED_KINDS.map((k) => [k, [...(a[k] ?? []), ...(b[k] ?? [])]]));
}
