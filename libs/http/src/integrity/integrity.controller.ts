import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@ledger/event-store';
import { ProjectionService, seesEverything } from '@ledger/projections';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ProblemException } from '../problems/problem';
import { ApiProblems } from '../problems/problem.dto';
import { NoQueryPipe } from '../reading/no-query.pipe';
import { ConsistencyQueryDto, InclusionQueryDto } from './integrity-query.dto';
import { LedgerIntegrity } from './ledger-integrity.service';
import { IntegrityWatch } from '../operations/integrity-watch';
import { CheckpointDto, ConsistencyProofDto, InclusionProofDto, PublicKeyDto } from '../reading/responses';

/**
 * What an outsider needs to check the ledger without trusting it: signed tree heads, and
 * RFC 9162 inclusion and consistency proofs (see libs/integrity/README.md and test/verifier).
 */
@ApiTags('integrity')
@Controller('ledger')
export class IntegrityController {
  constructor(
    private readonly integrity: LedgerIntegrity,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
    private readonly watch: IntegrityWatch,
  ) {}

  @Get('checkpoint')
  @ApiOperation({
    operationId: 'getCheckpoint',
    summary:
      'The latest tree head { treeSize, rootHash, timestamp }, signed with Ed25519 when a key is configured',
  })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiProblems(503)
  checkpoint(@Query(NoQueryPipe) _query: unknown) {
    this.watch.assertIntact('A tree head'); // a signature would vouch for a history that does not verify
    return this.integrity.checkpoint();
  }

  @Get('public-key')
  @ApiOperation({ operationId: 'getPublicKey', summary: 'The Ed25519 public key that signs checkpoints' })
  @ApiOkResponse({ type: PublicKeyDto })
  @ApiProblems(404)
  publicKey(@Query(NoQueryPipe) _query: unknown) {
    const key = this.integrity.publicKey();
    if (!key)
      throw new ProblemException(
        'not-found',
        'This ledger has no signing key configured (LEDGER_SIGNING_KEY_FILE)',
      );
    return key;
  }

  @Get('proofs/inclusion')
  @ApiOperation({
    operationId: 'getInclusionProof',
    summary: "An event's audit path to the root of a tree size",
  })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiProblems(400, 404)
  async inclusion(@Query() q: InclusionQueryDto, @CurrentCaller() caller: Caller) {
    const leaf = this.integrity.log.leafByEventId(q.eventId.toLowerCase());
    const event = leaf && (await this.eventAt(leaf.position));
    if (!leaf || !event || !this.visible(event, caller))
      // True of a hidden event as of one never recorded: the public cannot tell the two apart.
      throw new ProblemException('not-found', `There is no event ${q.eventId} among the events you may see`);
    const size = this.integrity.log.size;
    const treeSize = q.treeSize ?? size;
    if (treeSize > size || treeSize <= leaf.leafIndex) {
      throw new ProblemException(
        'validation-failed',
        `treeSize must be between ${leaf.leafIndex + 1} and ${size}`,
        { errors: [{ field: 'treeSize', messages: [`must be between ${leaf.leafIndex + 1} and ${size}`] }] },
      );
    }
    // The actor is inside the event hash, so the public (who may not see it) gets the event hash
    // and its path, not the event: it can prove inclusion, not recompute the hash from fields.
    return {
      ...this.integrity.log.inclusionProof(leaf.leafIndex, treeSize),
      eventId: event.id,
      position: event.position,
      ...(caller.role === 'public' ? {} : { event }),
    };
  }

  @Get('proofs/consistency')
  @ApiOperation({
    operationId: 'getConsistencyProof',
    summary: 'Proof that the tree of size `from` is a prefix of the tree of size `to`',
  })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiProblems(400)
  consistency(@Query() q: ConsistencyQueryDto) {
    const size = this.integrity.log.size;
    const to = q.to ?? size;
    if (q.from > to || to > size) {
      throw new ProblemException('validation-failed', `Need 1 <= from <= to <= ${size}`, {
        errors: [
          { field: q.from > to ? 'from' : 'to', messages: [`must satisfy 1 <= from <= to <= ${size}`] },
        ],
      });
    }
    return this.integrity.log.consistencyProof(q.from, to);
  }

  private async eventAt(position: number): Promise<StoredEvent | undefined> {
    for await (const e of this.store.readAll({ fromPosition: position, limit: 1 }))
      return e.position === position ? e : undefined;
    return undefined;
  }

  /** The public gets proofs only of events it may see (visibility.ts): a proof names its event. */
  private visible(event: StoredEvent, caller: Caller): boolean {
    return seesEverything(caller) || this.projections.readModels.publicEvents().isPublic(event.position);
  }
}
