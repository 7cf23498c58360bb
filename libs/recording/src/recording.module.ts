import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandRunner, LEDGER_CLOCK } from './command-runner';

/**
 * The command side: every entry point (HTTP, web forms, CLI) calls CommandRunner.record, onto the
 * configured event store. CqrsModule for the EventBus, on which EventsRecorded goes out (metrics).
 */
@Module({
  imports: [CqrsModule],
  providers: [CommandRunner, { provide: LEDGER_CLOCK, useValue: () => new Date() }],
  exports: [CommandRunner],
})
export class RecordingModule {}
