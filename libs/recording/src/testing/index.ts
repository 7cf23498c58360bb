export * from './record-story';
export * from './story-with-private-meeting';
