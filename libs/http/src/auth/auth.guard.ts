import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ledger/projections';
import { ProblemException } from '../problems/problem';
import { Authenticator } from './authenticator';
import { ROLES_KEY, type Caller } from './caller';

/** Finds the caller of every request, then checks the route's roles: 401 without a token, 403 with the wrong one. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const caller = await this.authenticator.authenticate(request.headers.authorization);
    request.caller = caller;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles || roles.includes(caller.role)) return true;
    if (caller.role === 'public') throw new ProblemException('unauthorized', `This needs a bearer token of role ${roles.join(' or ')}`);
    throw new ProblemException('forbidden', `Role ${caller.role} may not do this; it needs ${roles.join(' or ')}`);
  }
}
