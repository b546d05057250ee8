import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { SLUG_PATTERN } from '../../taxonomy/facets';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: true };

export class OrganisationNameInput {
  @ApiProperty({ maxLength: 300 }) @IsString() @IsNotEmpty() @MaxLength(300) ru: string;
  @ApiPropertyOptional({ maxLength: 300, nullable: true }) @IsOptional() @IsString() @MaxLength(300) en?: string | null;
}

export class AddressInput {
  @ApiPropertyOptional({ maxLength: 500, nullable: true }) @IsOptional() @IsString() @MaxLength(500) ru?: string | null;
  @ApiPropertyOptional({ maxLength: 500, nullable: true }) @IsOptional() @IsString() @MaxLength(500) en?: string | null;
}

abstract class OrganisationFields {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) phone?: string | null;
  @ApiPropertyOptional({ type: AddressInput })
  @ValidateIf((_o, v) => v !== undefined) @ValidateNested() @Type(() => AddressInput) address?: AddressInput;
}

export class CreateOrganisationDto extends OrganisationFields {
  @ApiProperty({ example: 'moscow-innovation-cluster', maxLength: 100 })
  @IsString() @MaxLength(100) @Matches(SLUG_PATTERN, { message: 'slug must be lowercase words joined by hyphens' }) slug: string;
  @ApiProperty({ type: OrganisationNameInput }) @ValidateNested() @Type(() => OrganisationNameInput) name: OrganisationNameInput;
}

export class UpdateOrganisationDto extends OrganisationFields {
  @ApiPropertyOptional({ type: OrganisationNameInput })
  @ValidateIf((_o, v) => v !== undefined) @ValidateNested() @Type(() => OrganisationNameInput) name?: OrganisationNameInput;
}

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: { ru: string; en: string | null };
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty() address: { ru: string | null; en: string | null };
  @ApiProperty() version: number;
}
