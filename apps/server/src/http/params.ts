import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '@app/catalogue';

export class SlugParam {
  @ApiProperty() @IsString() @MaxLength(100) @Matches(SLUG_PATTERN, { message: 'slug must be lowercase words joined by hyphens' }) slug: string;
}

export class IdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}
