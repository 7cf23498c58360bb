import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';

/** The store answers, with its kind and head position. */
@Injectable()
export class StoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'store') {
    const indicator = this.indicator.check(key);
    try {
      return indicator.up({ kind: this.store.kind, head: await this.store.head() });
    } catch (error) {
      return indicator.down({ kind: this.store.kind, message: (error as Error).message });
    }
  }
}
