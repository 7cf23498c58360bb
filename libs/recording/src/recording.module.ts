import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandRunner, LEDGER_CLOCK } from './command-runner';
import { RecordHandler } from './record.handler';

/** The command side: RecordCommand on the CommandBus, onto the configured event store. */
@Module({
  imports: [CqrsModule],
  providers: [CommandRunner, RecordHandler, { provide: LEDGER_CLOCK, useValue: () => new Date() }],
  exports: [CommandRunner],
})
export class RecordingModule {}
