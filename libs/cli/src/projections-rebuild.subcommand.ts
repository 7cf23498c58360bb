import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@ledger/event-store';
import { ProjectionService, ProjectionsModule } from '@ledger/projections';
import { say, type CliIo } from './cli-io';
import { Interrupted } from './errors';
import { startProgress } from './progress';
import { projectionsReport, type ProjectionsReport } from './projections-status.subcommand';
import type { ContextOptions, CommandContext } from './store-access';

/** What the projections commands add to the CLI's context: the read side, and the buses it registers on. */
export const PROJECTIONS_CONTEXT: NonNullable<ContextOptions['imports']> = [
  CqrsModule.forRoot(),
  ProjectionsModule,
];

/** Rebuilds of more events than this get a progress bar (on a terminal). */
const PROGRESS_MIN_EVENTS = 1_000;

/**
 * `ledger projections rebuild`: builds the next generation of read models from the whole log, then
 * switches to it and deletes the old one; prints the new status as JSON on stdout. Progress (events
 * applied / head) goes to stderr on a terminal. Ctrl-C stops it between pages: the generation in use
 * stays as it was, and the partial one is removed by the next rebuild.
 */
export async function rebuildProjections(
  store: EventStore,
  context: CommandContext,
  io: CliIo,
): Promise<ProjectionsReport> {
  const projections = context.get(ProjectionService);
  const head = await store.head();
  const progress = startProgress(io, {
    label: 'rebuild',
    total: head,
    unit: 'events',
    minTotal: PROGRESS_MIN_EVENTS,
  });
  let status;
  try {
    status = await projections.rebuild((position) => {
      // Positions are dense (1, 2, …), so the position reached is the number of events applied.
      progress.update(position);
      if (io.signal?.aborted) throw new Interrupted('Rebuild interrupted');
    });
  } catch (error) {
    progress.stop();
    if (error instanceof Interrupted) say(io, 'rebuild interrupted: the read models in use are unchanged');
    throw error;
  }
  progress.stop();
  const report = projectionsReport(status);
  io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report;
}
