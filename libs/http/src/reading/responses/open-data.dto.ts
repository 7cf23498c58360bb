import { ApiProperty } from '@nestjs/swagger';

/** Popolo objects are described by popoloproject.com's own schemas; the document names their collections. */
const objects = (description: string) =>
  ({ type: 'array', description, items: { type: 'object', additionalProperties: true } }) as const;

/** The ledger as Popolo JSON: one collection per Popolo class, each object with its `sources`. */
export class PopoloExportDto {
  @ApiProperty(
    objects(
      'Bodies (Popolo Organization) and alliances, with dissolution dates and a `links` entry to a successor',
    ),
  )
  organizations!: object[];
  @ApiProperty(objects('People (Popolo Person)')) persons!: object[];
  @ApiProperty(objects("Bodies' posts (Popolo Post)")) posts!: object[];
  @ApiProperty(objects('Office holders (Popolo Membership), with start and end dates'))
  memberships!: object[];
  @ApiProperty(
    objects('Proposals and the questions put to votes (Popolo Motion), with `requirement` and `result`'),
  )
  motions!: object[];
  @ApiProperty(objects('Votes (Popolo VoteEvent), with `counts`, `group_results` and `votes`'))
  vote_events!: object[];
  @ApiProperty(objects('Meetings (Popolo Event)')) events!: object[];
}

/** A meeting as an Open Civic Data Event, as OCD's scrapers write it. */
export class OcdEventDto {
  @ApiProperty({ example: 'event' }) _type!: string;
  @ApiProperty({ example: 'ocd-event/2b0b7b43-4c1e-5a53-9b3f-3d3c4c1d2e3f' }) id!: string;
  @ApiProperty({ example: 'Police and Crime Commissioners of the Strategic Alliance' }) name!: string;
  @ApiProperty({ example: '' }) description!: string;
  @ApiProperty({ example: 'committee-meeting' }) classification!: string;
  @ApiProperty({ example: '2013-01-31', description: 'At the precision recorded' }) start_date!: string;
  @ApiProperty({ example: '' }) end_date!: string;
  @ApiProperty({ example: true }) all_day!: boolean;
  @ApiProperty({ enum: ['confirmed', 'tentative', 'cancelled', 'passed'], example: 'passed' })
  status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) location!: object;
  @ApiProperty(objects('Links')) links!: object[];
  @ApiProperty(objects('Media')) media!: object[];
  @ApiProperty(objects('Documents: the minutes')) documents!: object[];
  @ApiProperty(objects('Participants: the bodies as hosts, the chair, the attendees'))
  participants!: object[];
  @ApiProperty(objects('Agenda items, each with its `order`')) agenda!: object[];
  @ApiProperty(objects('Sources')) sources!: object[];
  @ApiProperty({ type: 'object', additionalProperties: true }) extras!: object;
}
