import { resolveStoryEventRef, STRATEGIC_ALLIANCE_STORY, type StoryStep } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import type { RecordableCommand, RecordingContext, RecordResult } from '../record.command';

export type Recorder = (command: RecordableCommand, context: RecordingContext) => Promise<RecordResult>;

/**
 * Records the story of the four reports through `record`, one step after another. `setClock`
 * lets a test put the store's clock at each step's `recordedAt`, for "as known at" answers.
 */
export async function recordStory(
  record: Recorder,
  store: EventStore,
  options: { setClock?: (iso: string) => void; actor?: string; steps?: readonly StoryStep[] } = {},
): Promise<RecordResult[]> {
  const results: RecordResult[] = [];
  for (const step of options.steps ?? STRATEGIC_ALLIANCE_STORY) {
    options.setClock?.(step.recordedAt);
    let command = step.command;
    if ('stream' in command) {
      const events = [];
      for await (const e of store.readStream(command.stream)) events.push(e);
      command = {
        ...command,
        data: { ...command.data, eventId: resolveStoryEventRef(command.data.eventId, events) },
      } as typeof command;
    }
    results.push(
      await record(command, {
        occurredAt: step.occurredAt,
        actor: options.actor ?? 'clerk:story',
        occurredAtApproximate: step.occurredAtApproximate,
        sources: step.sources,
      }),
    );
  }
  return results;
}
