export * from './record.command';
export * from './command-runner';
export * from './events-recorded.event';
export * from './deterministic-id';
export * from './stream-loader';
export * from './recording.module';
export * from './stream-cache';
export * from './dto';
