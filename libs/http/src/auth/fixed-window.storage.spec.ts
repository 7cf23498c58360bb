import { FixedWindowThrottlerStorage } from './fixed-window.storage';

describe('FixedWindowThrottlerStorage', () => {
  const minute = 60_000;
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  it('given a limit of 3 a minute, when a caller makes a 4th request, then it is blocked for the block duration and counted afresh after', async () => {
    const storage = new FixedWindowThrottlerStorage();
    const hit = () => storage.increment('ip:1', minute, 3, 30_000, 'default');
    for (let n = 1; n <= 3; n++) expect(await hit()).toMatchObject({ totalHits: n, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 30 });
    now += 10_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 20 }); // blocked requests are not counted
    now += 20_000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });

  it('given a window that has ended, when the caller comes back, then its count starts again', async () => {
    const storage = new FixedWindowThrottlerStorage();
    await storage.increment('ip:2', minute, 10, minute, 'default');
    await storage.increment('ip:2', minute, 10, minute, 'default');
    now += minute;
    expect(await storage.increment('ip:2', minute, 10, minute, 'default')).toMatchObject({ totalHits: 1 });
  });

  it('keeps callers and limits apart', async () => {
    const storage = new FixedWindowThrottlerStorage();
    await storage.increment('ip:3', minute, 1, minute, 'default');
    expect(await storage.increment('ip:4', minute, 1, minute, 'default')).toMatchObject({ isBlocked: false });
    expect(await storage.increment('ip:3', minute, 1, minute, 'failed-auth')).toMatchObject({
      isBlocked: false,
    });
    expect(await storage.increment('ip:3', minute, 1, minute, 'default')).toMatchObject({ isBlocked: true });
  });
});
