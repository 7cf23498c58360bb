import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role, Viewer } from '@ledger/projections';

/** Who is calling: from an API key, a JWT, or nobody (the public). */
export interface Caller extends Viewer {
  name: string;
  via: 'api-key' | 'jwt' | 'anonymous';
}

export const ANONYMOUS: Caller = { name: 'public', role: 'public', via: 'anonymous' };

export const ROLES_KEY = 'ledger:roles';
/** The roles that may call a route; routes without it are open to every caller, the public included. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The caller of this request, as the auth guard found it. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller?: Caller }>().caller ?? ANONYMOUS;
});

/** The actor recorded on events: role and name, e.g. "clerk:cambridgeshire-office". */
export function actorOf(caller: Caller): string {
  return `${caller.role}:${caller.name}`;
}
