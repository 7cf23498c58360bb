import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from './command-runner';
import { RecordCommand, type RecordResult } from './record.command';

@CommandHandler(RecordCommand)
export class RecordHandler implements ICommandHandler<RecordCommand, RecordResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ command, context }: RecordCommand): Promise<RecordResult> {
    return this.runner.record(command, context);
  }
}
