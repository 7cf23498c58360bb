import { Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetDocumentQuery, ProjectionService, LedgerQueries } from '@ledger/projections';
import { CurrentCaller, Roles, type Caller } from '../auth/caller';
import { ProblemException } from '../problems/problem';
import { ApiProblems } from '../problems/problem.dto';
import { IdParamPipe } from '../reading/id-param.pipe';
import { Reading } from '../reading/read.controllers';
import { DocumentDto, DocumentQueryDto } from '../reading/responses/documents.dto';
import { SentAsStored } from '../compression';
import { DocumentContents, sendContent, type DocumentRecord } from './document-contents';

/**
 * Documents: their records (read like any entry, exempt ones 404 to the public), and their
 * content, kept beside the ledger by its SHA-256. A clerk uploads the content as raw bytes
 * (Content-Type: application/octet-stream, up to LEDGER_DOCUMENT_MAX_BYTES) to the document
 * recorded first; only bytes with the recorded hash and size are kept. Content is served to
 * whoever may see the document, and to no one else.
 */
@ApiTags('documents')
@Controller('documents')
export class DocumentsController extends Reading {
  constructor(
    queries: LedgerQueries,
    projections: ProjectionService,
    private readonly contents: DocumentContents,
  ) {
    super(queries, projections);
  }

  @Get(':documentId')
  @ApiOperation({
    operationId: 'getDocument',
    summary: 'A document: title, kind, media type, SHA-256, size, publication date, visibility and links',
  })
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblems(400, 404, 429, 503)
  async document(
    @Param('documentId', IdParamPipe) id: string,
    @Query() q: DocumentQueryDto,
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
  ): Promise<DocumentDto> {
    const found = await this.ask<DocumentRecord>(new GetDocumentQuery(id, caller), q);
    return { ...found, contentStored: this.contents.isStoredFor(request, found.sha256) } as DocumentDto;
  }

  @Get(':documentId/content')
  @SentAsStored()
  @ApiOperation({
    operationId: 'getDocumentContent',
    summary: "A document's content, as its media type says (404 when it is withheld or not uploaded)",
  })
  @ApiOkResponse({
    description:
      'The content, as bytes in the media type its record gives (mediaType), with its SHA-256 as the ETag and in X-Content-SHA256',
  })
  @ApiProblems(400, 404, 429, 503)
  async content(
    @Param('documentId', IdParamPipe) id: string,
    @CurrentCaller() caller: Caller,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { document, content } = await this.contents.read(id, caller);
    await sendContent(reply, document, content);
  }

  @Put(':documentId/content')
  @Roles('clerk')
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'putDocumentContent',
    description:
      'Clerks only. The body is the raw bytes (Content-Type: application/octet-stream, up to LEDGER_DOCUMENT_MAX_BYTES). They are kept beside the ledger under their SHA-256 only when their hash and size are those the document records (else 422 content-mismatch, nothing kept); uploading the same content again changes nothing. When the disk has no room, 507 storage-full: nothing is kept, not even part of it. Answers 200 with the document.',
    summary:
      "Upload a recorded document's content as raw bytes; kept only if its SHA-256 and size are the recorded ones",
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422, 429, 503, 507)
  async upload(
    @Param('documentId', IdParamPipe) id: string,
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
  ): Promise<DocumentDto> {
    const body = request.body;
    if (!Buffer.isBuffer(body))
      throw new ProblemException('unsupported-media-type', 'Send the content as application/octet-stream');
    return this.contents.upload<DocumentDto>(id, caller, body);
  }
}
