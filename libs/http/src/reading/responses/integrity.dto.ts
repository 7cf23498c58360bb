import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SourceDto } from './common.dto';

const HEX = { example: 'cf9b9ce5d54fcbc64704e593326faece76ea73621fd2e258bde865f6d224da61' } as const;

/** A tree head, signed when a signing key is configured: the Merkle root over every event so far. */
export class CheckpointDto {
  @ApiProperty({ example: 55 }) treeSize!: number;
  @ApiProperty(HEX) rootHash!: string;
  @ApiProperty({ example: '2026-05-01T12:00:00.000Z' }) timestamp!: string;
  @ApiPropertyOptional({
    enum: ['Ed25519'],
    description: 'The signature algorithm: present only on a signed checkpoint',
  })
  algorithm?: string;
  @ApiPropertyOptional({ description: 'Hex SHA-256 of the raw public key', ...HEX }) keyId?: string;
  @ApiPropertyOptional({
    description: 'Base64 Ed25519 signature, when a signing key is configured',
    example: 'q1w2e3…',
  })
  signature?: string;
}

export class PublicKeyDto {
  @ApiProperty({ enum: ['Ed25519'], example: 'Ed25519' }) algorithm!: string;
  @ApiProperty(HEX) keyId!: string;
  @ApiProperty({ example: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA…\n-----END PUBLIC KEY-----\n' })
  pem!: string;
}

class EventMetadataDto {
  @ApiProperty({ example: '2013-01-31T00:00:00.000Z' }) occurredAt!: string;
  @ApiProperty({ example: '2013-02-04T11:00:00.000Z' }) recordedAt!: string;
  @ApiProperty({ example: 'clerk:town-clerk' }) actor!: string;
  @ApiProperty({ example: '902d9bf9-116c-48de-809b-50120f1ca3e3' }) correlationId!: string;
  @ApiProperty({ type: 'string', nullable: true, example: null }) causationId!: string | null;
  @ApiProperty({ type: SourceDto }) source!: SourceDto;
}

/** An event as stored, for a verifier to recompute its hash. */
export class StoredEventDto {
  @ApiProperty({ example: '01a241f2-f6dd-769e-a1c4-aa44a15eeda8' }) id!: string;
  @ApiProperty({ example: 'proposal-g4s-back-office' }) stream!: string;
  @ApiProperty({ example: 7 }) revision!: number;
  @ApiProperty({ example: 42 }) position!: number;
  @ApiProperty({ example: 'DecisionRecorded' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: EventMetadataDto }) metadata!: EventMetadataDto;
  @ApiProperty({ type: 'string', nullable: true, example: null }) prevHash!: string | null;
  @ApiProperty(HEX) hash!: string;
}

export class InclusionProofDto {
  @ApiProperty({ enum: ['inclusion'], example: 'inclusion' }) type!: string;
  @ApiProperty({ description: "The event's 0-based rank in global order", example: 41 }) leafIndex!: number;
  @ApiProperty({ example: 55 }) treeSize!: number;
  @ApiProperty({ description: 'The leaf input: the event hash', ...HEX }) eventHash!: string;
  @ApiProperty({
    type: [String],
    description: 'RFC 9162 inclusion path, leaf to root',
    example: [HEX.example],
  })
  path!: string[];
  @ApiPropertyOptional({ example: '01a241f2-f6dd-769e-a1c4-aa44a15eeda8' }) eventId?: string;
  @ApiPropertyOptional({ example: 42 }) position?: number;
  @ApiPropertyOptional({ type: StoredEventDto, description: 'The event itself: clerks and auditors only' })
  event?: StoredEventDto;
}

export class ConsistencyProofDto {
  @ApiProperty({ enum: ['consistency'], example: 'consistency' }) type!: string;
  @ApiProperty({ example: 3 }) firstSize!: number;
  @ApiProperty({ example: 10 }) secondSize!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency path', example: [HEX.example] })
  path!: string[];
  @ApiPropertyOptional(HEX) firstRootHash?: string;
  @ApiPropertyOptional(HEX) secondRootHash?: string;
}

class TreeHeadDto {
  @ApiProperty({ example: 55 }) treeSize!: number;
  @ApiProperty(HEX) rootHash!: string;
}

class VerificationPassDto {
  @ApiProperty({ example: '2026-05-01T12:00:00.000Z' }) finishedAt!: string;
  @ApiProperty({ example: 12 }) durationMs!: number;
  @ApiProperty({ example: 55 }) eventsChecked!: number;
  @ApiProperty({ example: 55 }) head!: number;
  @ApiProperty({ type: TreeHeadDto }) tree!: TreeHeadDto;
  @ApiProperty({ type: [TreeHeadDto], description: 'Signed checkpoints the tree was found consistent with' })
  anchors!: TreeHeadDto[];
}

class VerificationProblemDto {
  @ApiProperty({ example: 'hash-mismatch' }) code!: string;
  @ApiProperty({ example: 3, description: 'How many problems the pass found' }) problemCount!: number;
  @ApiPropertyOptional({ description: 'Callers with a token only: what was found, naming the event' })
  message?: string;
  @ApiPropertyOptional({ description: 'Callers with a token only' }) summary?: string;
  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'Callers with a token only: the way out',
  })
  remedy?: string | null;
}

/** The service's own continuous verification of the ledger (what /ready reports). */
export class VerificationDto {
  @ApiProperty({ enum: ['ok', 'tampered', 'pending', 'off'], example: 'ok' }) state!: string;
  @ApiProperty({ example: 3, description: 'Passes finished since the service started' }) passes!: number;
  @ApiPropertyOptional({ type: VerificationPassDto }) lastPass?: VerificationPassDto;
  @ApiPropertyOptional({ type: VerificationProblemDto }) problem?: VerificationProblemDto;
}
