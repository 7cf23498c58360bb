import type { RecordResult } from './record.command';

/** Published on the EventBus after every successful append, for in-process listeners (metrics). */
export class EventsRecorded {
  constructor(readonly result: RecordResult) {}
}
