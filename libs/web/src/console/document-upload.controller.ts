import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentContents, ProblemException, SentAsStored, sendContent, toProblem } from '@ledger/http';
import { LedgerConfig } from '@ledger/platform';
import { PageRenderer } from '../pages/page-renderer';
import { pageId } from '../pages/page-query';
import { byteSize } from '../pages/template-filters';
import type { UploadForm } from './upload-form';

type FieldError = { text: string; href: string; field: 'documentId' | 'content' };

/**
 * A document's content, for people: a clerk uploads it with a file (checked by the API's own
 * DocumentContents, so kept only with the recorded hash and size), and whoever may see the
 * document opens it under /register/, where the session is the caller.
 */
@ApiExcludeController()
@Controller()
export class DocumentUploadController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly contents: DocumentContents,
    private readonly config: LedgerConfig,
  ) {}

  @Get('console/documents/upload')
  form(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!this.pages.allow(request, reply, ['clerk'])) return reply;
    const documentId = typeof query.documentId === 'string' ? query.documentId : undefined;
    return this.again(request, reply, 200, { documentId }, []);
  }

  @Post('console/documents/upload')
  async upload(
    @Body() posted: UploadForm | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = posted ?? {};
    const values = { documentId: form.documentId?.trim() };
    const caller = this.pages.caller(request);
    // Said in the form's own error summary, not by a redirect: the file sent is not kept either way.
    if (caller.role !== 'clerk')
      return this.again(request, reply, caller.role === 'public' ? 401 : 403, values, [], {
        refused:
          caller.role === 'public'
            ? "You are not signed in: sign in as a clerk to upload a document's content. Nothing was kept."
            : `You are signed in as ${caller.role}: only a clerk uploads a document's content. Nothing was kept.`,
      });
    const errors: FieldError[] = [];
    const file = form.content;
    if (!values.documentId) errors.push(error('documentId', "Enter the document's id"));
    else
      try {
        pageId(values.documentId, 'Document');
      } catch (thrown) {
        errors.push(error('documentId', toProblem(thrown).detail ?? 'Not a document id'));
      }
    if (!file || (file.filename === '' && file.content.length === 0))
      errors.push(error('content', "Choose the document's file"));
    else if (file.tooLarge)
      errors.push(
        error(
          'content',
          `The file is larger than the ledger accepts (${byteSize(this.config.LEDGER_DOCUMENT_MAX_BYTES)})`,
        ),
      );
    if (errors.length > 0 || !file || !values.documentId)
      return this.again(request, reply, 400, values, errors);
    try {
      const document = await this.contents.upload(values.documentId, caller, file.content);
      return this.pages.render(request, reply, 'document-uploaded', { pageTitle: 'Content kept', document });
    } catch (thrown) {
      const problem = toProblem(thrown);
      if (problem.code === 'not-found')
        return this.again(request, reply, 404, values, [
          error('documentId', `There is no document ${values.documentId}: record it first`),
        ]);
      if (problem.code === 'content-mismatch' && thrown instanceof ProblemException) {
        const { expected, received } = thrown.extensions as Record<
          'expected' | 'received',
          { sha256: string; size: number }
        >;
        return this.again(request, reply, 422, values, [
          error(
            'content',
            `The file's SHA-256 does not match the document's: expected ${expected.sha256} (${expected.size} bytes), received ${received.sha256} (${received.size} bytes)`,
          ),
        ]);
      }
      return this.pages.problem(request, reply, thrown);
    }
  }

  /** The content, to whoever may see the document: the same read, and visibility, as GET /documents/{id}/content. */
  @Get('register/documents/:documentId/content')
  @SentAsStored()
  async content(@Param('documentId') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      const { document, content } = await this.contents.read(
        pageId(id, 'Document'),
        this.pages.caller(request),
      );
      return sendContent(reply.header('cache-control', 'no-store'), document, content);
    } catch (thrown) {
      return this.pages.problem(request, reply, thrown);
    }
  }

  /** The form again, with what was sent and every problem in its summary and beside its field. */
  private again(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: { documentId?: string },
    errors: FieldError[],
    extra: Record<string, unknown> = {},
  ) {
    const failed = errors.length > 0 || extra.refused !== undefined;
    return this.pages.render(
      request,
      reply,
      'document-upload',
      {
        pageTitle: `${failed ? 'Error: ' : ''}Upload a document's content`,
        hasForms: true,
        values,
        maxBytes: this.config.LEDGER_DOCUMENT_MAX_BYTES,
        errors: errors.length > 0 ? errors.map(({ text, href }) => ({ text, href })) : undefined,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.text])),
        ...extra,
      },
      status,
    );
  }
}

function error(field: FieldError['field'], text: string): FieldError {
  return { field, text, href: `#${field}` };
}
