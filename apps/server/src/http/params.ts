import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '@app/catalogue';

export class SlugParam {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase words joined by hyphens' })
  slug: string;
}

export class IdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}

/** A query string as Express reads one (a repeated key becomes a list), for validating one kept inside another. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const plain: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    plain[key] = values.length > 1 ? values : values[0];
  }
  return plain;
}
