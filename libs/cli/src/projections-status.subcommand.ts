import { ProjectionService, ReadModelFolder, type ProjectionStatus } from '@ledger/projections';
import { say } from './cli-io';
import type { CliIo } from './cli-io';
import type { CommandContext } from './store-access';

/** What `ledger projections status` and `rebuild` print: the status without the in-process flag. */
export type ProjectionsReport = Pick<
  ProjectionStatus,
  'version' | 'generation' | 'checkpoint' | 'head' | 'lag' | 'mode'
>;

export function projectionsReport(status: ProjectionStatus): ProjectionsReport {
  const { version, generation, checkpoint, head, lag, mode } = status;
  return { version, generation, checkpoint, head, lag, mode };
}

/**
 * `ledger projections status`: the read models' status as JSON on stdout. The context's start has
 * opened the current generation (or built one, when this version has none); the status is taken
 * at once, so `lag` says how far the stored read models are behind the log.
 */
export async function projectionsStatus(context: CommandContext, io: CliIo): Promise<ProjectionsReport> {
  const report = projectionsReport(await context.get(ProjectionService).status());
  io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/**
 * Says so before a command's context builds the read models from the whole log (there are none
 * for this version yet): on a large ledger that takes a while, and silence looks like a hang.
 */
export function announceImplicitBuild(ledgerPath: string, io: CliIo): void {
  const current = new ReadModelFolder(ledgerPath).openCurrent();
  if (current) return current.close();
  say(io, 'No read models for this version yet: building them from the whole log first…');
}
