import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SLUG_PATTERN } from '../../taxonomy/facets';
import { LocalisedTextView, OptionalLocalisedTextView } from '../../programmes/dto/programme-view.dto';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: true };

export class OrganisationNameInput {
  @ApiProperty({ maxLength: 300 }) @IsString() @IsNotEmpty() @MaxLength(300) ru: string;
  @ApiPropertyOptional({ type: String, maxLength: 300, nullable: true }) @IsOptional() @IsString() @MaxLength(300) en?: string | null;
}

export class AddressInput {
  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true }) @IsOptional() @IsString() @MaxLength(500) ru?: string | null;
  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true }) @IsOptional() @IsString() @MaxLength(500) en?: string | null;
}

abstract class OrganisationFields {
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) phone?: string | null;
  @ApiPropertyOptional({ type: AddressInput })
  @ValidateIf((_o, v) => v !== undefined)
  @ValidateNested()
  @Type(() => AddressInput)
  address?: AddressInput;
}

export class CreateOrganisationDto extends OrganisationFields {
  @ApiProperty({ example: 'moscow-innovation-cluster', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase words joined by hyphens' })
  slug: string;
  @ApiProperty({ type: OrganisationNameInput })
  @IsDefined({ message: 'name is required' })
  @ValidateNested()
  @Type(() => OrganisationNameInput)
  name: OrganisationNameInput;
}

export class UpdateOrganisationDto extends OrganisationFields {
  @ApiPropertyOptional({ type: OrganisationNameInput })
  @ValidateIf((_o, v) => v !== undefined)
  @ValidateNested()
  @Type(() => OrganisationNameInput)
  name?: OrganisationNameInput;
}

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalisedTextView }) name: { ru: string; en: string | null };
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ type: OptionalLocalisedTextView }) address: { ru: string | null; en: string | null };
  @ApiProperty() version: number;
}
