import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller';
import { HttpRecorder } from './http-recorder';

/*
 * The write side of the API: one route per domain command, in a controller per area
 * (*-recording.controller.ts). Each route only names its command and the ids its path carries;
 * HttpRecorder does the rest the same way for all.
 */

export type Ctx = [Caller, FastifyRequest, FastifyReply];

/** @Injectable so the subclasses inherit the constructor's parameter types. */
@Injectable()
export abstract class Recording {
  constructor(protected readonly recorder: HttpRecorder) {}
  protected rec(type: string, body: unknown, params: Record<string, string>, [caller, req, res]: Ctx) {
    return this.recorder.record(type, body, params, caller, req, res);
  }
}
