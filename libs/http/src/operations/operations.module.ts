import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { StoreHealthIndicator } from './store.health';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [StoreHealthIndicator],
})
export class OperationsModule {}
