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

export type NamedKind = 'body' | 'person' | 'meeting' | 'proposal' | 'alliance';

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
  private readonly asked = new Map<string, Promise<string | undefined>>();

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
            this.name(kind, id).then((name) => {
              if (name !== undefined) book[kind][id] = name;
            }),
          );
    await Promise.all(reads);
    return book;
  }

  private name(kind: NamedKind, id: string): Promise<string | undefined> {
    const key = `${kind}:${id}`;
    let asked = this.asked.get(key);
    if (!asked) {
      // Not found, or not for this reader: the page shows the id it was given, as before.
      asked = this.read(kind, id).catch(() => undefined);
      this.asked.set(key, asked);
    }
    return asked;
  }

  private async read(kind: NamedKind, id: string): Promise<string | undefined> {
    const { reader, cut, viewer } = this;
    switch (kind) {
      case 'body':
        return (await reader.ask<{ name?: string }>(new GetBodyQuery(id, cut, viewer))).name;
      case 'person':
        return (await reader.ask<{ displayName?: string }>(new GetPersonQuery(id, cut, viewer))).displayName;
      case 'meeting':
        return (await reader.ask<{ title?: string }>(new GetMeetingQuery(id, cut, viewer))).title;
      case 'proposal':
        return (await reader.ask<{ title?: string }>(new GetProposalQuery(id, cut, viewer))).title;
      case 'alliance':
        return (await reader.ask<{ name?: string }>(new GetAllianceQuery(id, cut, viewer))).name;
    }
  }
}

/** The ids a trail's entries name by themselves, which its timeline links to. */
export function idsOfTrail(items: TrailEntry[]): WantedNames {
  const of = (field: string) =>
    items.map((e) => e.data?.[field]).filter((v): v is string => typeof v === 'string');
  return {
    meeting: of('meetingId'),
    body: [...of('bodyId'), ...of('byBodyId')],
    person: of('personId'),
    proposal: of('proposalId'),
  };
}

/** Two sets of wanted ids as one. */
export function bothWanted(a: WantedNames, b: WantedNames): WantedNames {
  const kinds: NamedKind[] = ['body', 'person', 'meeting', 'proposal', 'alliance'];
  return Object.fromEntries(kinds.map((k) => [k, [...(a[k] ?? []), ...(b[k] ?? [])]]));
}
