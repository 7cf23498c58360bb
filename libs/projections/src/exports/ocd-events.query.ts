import type { TimeCut } from '../time-travel/time-cut';
import type { Viewer } from '../visibility';

/** Meetings as Open Civic Data events, as OCD's scrapers (pupa) write them: at a cut, as the viewer may see them. */
export class ExportOcdEventsQuery {
  constructor(
    readonly filter: { bodyId?: string; from?: string; to?: string },
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}
