import {
  AlliancesRecordingController,
  BodiesRecordingController,
  PeopleRecordingController,
} from './bodies-recording.controller';
import { MeetingsRecordingController, VotesRecordingController } from './meetings-recording.controller';
import { ProposalsRecordingController } from './proposals-recording.controller';
import {
  CorrectionsRecordingController,
  DocumentsRecordingController,
  QuestionsRecordingController,
  ReviewsRecordingController,
} from './scrutiny-recording.controller';

/** The recording controllers, in the order the API's document lists their routes. */
export const RECORDING_CONTROLLERS = [
  BodiesRecordingController,
  PeopleRecordingController,
  AlliancesRecordingController,
  ProposalsRecordingController,
  MeetingsRecordingController,
  VotesRecordingController,
  CorrectionsRecordingController,
  DocumentsRecordingController,
  QuestionsRecordingController,
  ReviewsRecordingController,
];
