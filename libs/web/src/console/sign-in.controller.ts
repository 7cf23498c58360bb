import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticator, ProblemException } from '@ledger/http';
import { PageRenderer } from '../pages/page-renderer';
import { WebCaller } from '../session/web-caller';
import { safeReturnTo } from './console-access';

/** Sign-in with an API key's token or a JWT, checked by the API's own Authenticator; sign-out. */
@ApiExcludeController()
@Controller('console')
export class SignInController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly authenticator: Authenticator,
    private readonly callers: WebCaller,
  ) {}

  @Get('sign-in')
  form(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'sign-in', {
      pageTitle: 'Sign in',
      hasForms: true,
      returnTo: safeReturnTo(query.returnTo),
      signedOut: query.signedOut === '1',
    });
  }

  @Post('sign-in')
  async signIn(
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const token = typeof form?.token === 'string' ? form.token.trim() : '';
    const returnTo = safeReturnTo(form?.returnTo);
    const refuse = (message: string) =>
      this.pages.render(
        request,
        reply,
        'sign-in',
        {
          pageTitle: 'Error: Sign in',
          hasForms: true,
          returnTo,
          errors: [{ text: message, href: '#token' }],
          tokenError: message,
        },
        400,
      );
    if (token === '') return refuse("Enter your API key's token or a JWT");
    let credential;
    try {
      credential = await this.authenticator.signIn(token);
    } catch (error) {
      if (error instanceof ProblemException && error.code === 'unauthorized')
        return refuse('The token is not a known API key or a valid JWT: check it and try again');
      throw error;
    }
    this.callers.signIn(credential, request, reply);
    return reply.redirect(returnTo ?? (credential.caller.role === 'clerk' ? '/console' : '/'), 303);
  }

  @Post('sign-out')
  signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.callers.signOut(request, reply);
    return reply.redirect('/console/sign-in?signedOut=1', 303);
  }
}
