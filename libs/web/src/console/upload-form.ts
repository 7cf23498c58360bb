import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import Busboy from '@fastify/busboy';

/** The one route of the web that takes a file. */
export const UPLOAD_PATH = '/console/documents/upload';

export interface UploadedFile {
  filename: string;
  /** Empty when the file was larger than the ledger accepts: its bytes are never held. */
  content: Buffer;
  tooLarge: boolean;
}

/** The upload form as posted: its CSRF token (read by the web's CSRF check like any form's), the document and the file. */
export interface UploadForm {
  _csrf?: string;
  documentId?: string;
  content?: UploadedFile;
}

/**
 * Reads the upload form (multipart/form-data) as it streams in. The file is held up to
 * `maxBytes` (LEDGER_DOCUMENT_MAX_BYTES, the API's own limit) and no further: a larger one is
 * read to its end and dropped, and the form says so, so the page can name the problem rather
 * than the connection being cut. Only the form's own fields are kept.
 */
export function readUploadForm(
  headers: IncomingHttpHeaders,
  payload: Readable,
  maxBytes: number,
): Promise<UploadForm> {
  return new Promise((resolve, reject) => {
    const form: UploadForm = {};
    let busboy: ReturnType<typeof Busboy>;
    try {
      busboy = Busboy({
        headers: headers as IncomingHttpHeaders & { 'content-type': string },
        limits: { files: 1, fields: 4, parts: 5, fieldSize: 4096, fileSize: maxBytes },
      });
    } catch (error) {
      // No boundary, or not multipart at all: the form cannot be read.
      return reject(Object.assign(error as Error, { statusCode: 400 }));
    }
    busboy.on('field', (name, value) => {
      if (name === '_csrf' || name === 'documentId') form[name] = value;
    });
    busboy.on('file', (name, stream, filename) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!stream.truncated) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (name !== 'content') return;
        const tooLarge = stream.truncated;
        form.content = { filename, content: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
      });
    });
    busboy.on('finish', () => resolve(form));
    busboy.on('error', (error: unknown) => reject(Object.assign(error as Error, { statusCode: 400 })));
    // The public's body limit (preParsing) fails the stream itself: its 413 stands.
    payload.on('error', reject);
    payload.pipe(busboy);
  });
}
