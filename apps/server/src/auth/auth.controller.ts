import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessToken, AuthenticatedUser, CurrentUser, IdentityService, LoginDto, Roles, TokenView, UserView, Public } from '@app/identity';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  // a bearer token must never sit in a shared cache
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Exchange email and password for a short-lived bearer token (attempts are throttled: 429 with Retry-After)' })
  @ApiOkResponse({ type: TokenView })
  login(@Body() body: LoginDto, @Req() req: Request): Promise<TokenView> {
    return this.identity.login(body.email, body.password, { ip: req.ip ?? null });
  }

  @Post('logout')
  @HttpCode(204)
  @Roles('admin', 'editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the token used for this request' })
  logout(@AccessToken() token: string): Promise<void> {
    return this.identity.logout(token);
  }

  @Get('me')
  @Roles('admin', 'editor')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserView })
  @ApiOperation({ summary: 'Who the bearer token belongs to' })
  me(@CurrentUser() user: AuthenticatedUser): UserView {
    return user;
  }
}
