import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ledger/projections';
import { ProblemException } from '../problems/problem';
import { ROLES_KEY } from './caller';
import { callerOf } from './request-authentication';

/**
 * Checks the route's roles against the caller the onRequest hook resolved (before the body was
 * read): 401 without a token, 403 with the wrong one.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const caller = callerOf(context.switchToHttp().getRequest());
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.includes(caller.role)) return true;
    if (caller.role === 'public')
      throw new ProblemException('unauthorized', `This needs a bearer token of role ${roles.join(' or ')}`);
    throw new ProblemException(
      'forbidden',
      `Role ${caller.role} may not do this; it needs ${roles.join(' or ')}`,
    );
  }
}
