import { Command } from 'commander';
import { CqrsModule } from '@nestjs/cqrs';
import { resolveStoryEventRef, STRATEGIC_ALLIANCE_STORY } from '@ledger/domain';
import type { StoredEvent } from '@ledger/event-store';
import { CommandRunner, RecordingModule } from '@ledger/recording';
import { say } from './cli-io';
import type { CommandDeps, GlobalOptions } from './store-access';

/**
 * `ledger story load`: records the story of the Strategic Alliance (shared/seeds) through the
 * same command side as the API, with its sources. Each step has its own idempotency key, so
 * loading twice records it once.
 */
export function registerStoryCommands(program: Command, deps: CommandDeps): void {
  program
    .command('story')
    .description(
      'The Bedfordshire, Cambridgeshire and Hertfordshire Strategic Alliance story, for a demonstration',
    )
    .command('load')
    .summary('record the story (idempotent)')
    .description(
      'For a demonstration: record the story of the Bedfordshire, Cambridgeshire and Hertfordshire Strategic Alliance, with its ' +
        'sources, through the same command side as the API. Loading it twice records it once.',
    )
    .action(async (_options: unknown, command: Command) => {
      await deps.withStore(
        command.optsWithGlobals<GlobalOptions>(),
        async (store, context) => {
          const runner = context.get(CommandRunner);
          let recorded = 0;
          for (const [i, step] of STRATEGIC_ALLIANCE_STORY.entries()) {
            let c = step.command;
            if ('stream' in c) {
              const events: StoredEvent[] = [];
              for await (const e of store.readStream(c.stream)) events.push(e);
              c = {
                ...c,
                data: { ...c.data, eventId: resolveStoryEventRef(c.data.eventId, events) },
              } as typeof c;
            }
            const result = await runner.record(c, {
              occurredAt: step.occurredAt,
              actor: 'clerk:story-loader',
              occurredAtApproximate: step.occurredAtApproximate,
              sources: step.sources,
              idempotencyKey: `story:${i}`,
            });
            if (!result.replayed) recorded += 1;
          }
          say(
            deps.io,
            `Recorded ${recorded} of ${STRATEGIC_ALLIANCE_STORY.length} steps (${STRATEGIC_ALLIANCE_STORY.length - recorded} were there already).`,
          );
        },
        { imports: [CqrsModule.forRoot(), RecordingModule] },
      );
    });
}
