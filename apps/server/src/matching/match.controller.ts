import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Public } from '@app/identity';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MatchingService } from '@app/catalogue';
import { MatchRequestDto, MatchResponseView } from './match.dto';
import { RateLimit } from '../api-access/rate-limit.decorator';

@ApiTags('matching')
@Public('anyone; an API key or bearer token raises the rate limit')
@RateLimit('api')
@Controller('api/v1/match')
export class MatchController {
  constructor(private readonly matching: MatchingService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Programmes that still take applications, ranked by how well they fit a company, with a reason per criterion' })
  @ApiOkResponse({ type: MatchResponseView })
  match(@Body() { lang, page, perPage, ...company }: MatchRequestDto): Promise<MatchResponseView> {
    return this.matching.match(company, lang, page, perPage);
  }
}
