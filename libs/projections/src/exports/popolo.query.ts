import type { TimeCut } from '../time-travel/time-cut';
import type { Viewer } from '../visibility';

/**
 * The ledger as one Popolo document (popoloproject.com): organizations, persons, posts,
 * memberships, motions, vote events and events (meetings), each with its sources, at a cut and as
 * the viewer may see it.
 */
export class ExportPopoloQuery {
  constructor(
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}
