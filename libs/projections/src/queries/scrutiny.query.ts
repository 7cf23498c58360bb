import type { TimeCut } from '../time-travel/time-cut';
import type { Viewer } from '../visibility';

/** A public question and its answer, at a cut, as the viewer may see it. */
export class GetQuestionQuery {
  constructor(
    readonly questionId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}

/** A scrutiny review of a decision, its recommendations and the responses, at a cut, as the viewer may see it. */
export class GetReviewQuery {
  constructor(
    readonly reviewId: string,
    readonly cut: TimeCut,
    readonly viewer: Viewer,
  ) {}
}
