import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetDocumentQuery, LedgerQueries } from '@ledger/projections';
import type { Caller } from '../auth/caller';
import { ProblemException } from '../problems/problem';
import { notForKeeping } from '../reading/public-answers';
import { DocumentContentStore } from './document-content.store';

/** What the content's checks and answers read of a document's record. */
export interface DocumentRecord {
  documentId: string;
  sha256: string;
  size: number;
  mediaType: string;
}

/**
 * The one path to a document's content, for the JSON API and the web alike: the record is read
 * through the same query (and so the same visibility rule) for the caller, only a clerk uploads,
 * and only bytes with the recorded hash and size are kept. Two copies of these checks could drift,
 * and one that drifted would keep content no document records or serve what is withheld.
 */
@Injectable()
export class DocumentContents {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly store: DocumentContentStore,
  ) {}

  /**
   * Whether the content is stored, for the answer to this request. It is read beside the ledger:
   * an upload writes no event, so the ledger's stamp does not move with it, and an answer that
   * says it is never kept (PublicAnswers).
   */
  isStoredFor(request: FastifyRequest, sha256: string): boolean {
    notForKeeping(request);
    return this.store.has(sha256);
  }

  /** The content of a document the caller may see; 404 when it is withheld from them or not uploaded. */
  async read(id: string, caller: Caller): Promise<{ document: DocumentRecord; content: Buffer }> {
    const document = await this.queries.execute<DocumentRecord>(new GetDocumentQuery(id, caller));
    const content = this.store.get(document.sha256);
    if (!content)
      throw new ProblemException('not-found', `The content of document ${id} has not been uploaded`);
    return { document, content };
  }

  /**
   * Keeps the content when its hash and size are the recorded ones; else 422 and nothing is kept.
   * A disk with no room for it is the store's StorageFull (507): nothing is kept either.
   */
  async upload<T extends DocumentRecord>(
    id: string,
    caller: Caller,
    content: Buffer,
  ): Promise<T & { contentStored: true }> {
    // The API's guard and the console's page both check the role first; this is the last word.
    if (caller.role !== 'clerk')
      throw new ProblemException(
        caller.role === 'public' ? 'unauthorized' : 'forbidden',
        "Only a clerk uploads a document's content",
      );
    const found = await this.queries.execute<T>(new GetDocumentQuery(id, caller));
    const sha256 = DocumentContentStore.sha256(content);
    if (content.length !== found.size || sha256 !== found.sha256)
      throw new ProblemException(
        'content-mismatch',
        `Document ${id} records ${found.size} bytes with SHA-256 ${found.sha256}; this content is ${content.length} bytes with SHA-256 ${sha256}. Nothing was kept`,
        { expected: { sha256: found.sha256, size: found.size }, received: { sha256, size: content.length } },
      );
    this.store.put(sha256, content);
    return { ...found, contentStored: true };
  }
}

/**
 * Sends content as its record's media type, with its hash as the ETag. The bytes are a clerk's
 * upload served from the ledger's own origin, so the CSP sandbox keeps an HTML or SVG document
 * from running script as the ledger (and so as a signed-in reader's session).
 */
export function sendContent(reply: FastifyReply, document: DocumentRecord, content: Buffer): FastifyReply {
  return reply
    .type(document.mediaType)
    .header('etag', `"${document.sha256}"`)
    .header('x-content-sha256', document.sha256)
    .header('content-security-policy', 'sandbox')
    .send(content);
}
