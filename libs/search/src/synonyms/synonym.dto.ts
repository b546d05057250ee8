import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';

const trimAll = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v)) : value;

export class SynonymInputDto {
  @ApiProperty({ type: [String], minItems: 2, maxItems: 20, example: ['МСП', 'малый и средний бизнес', 'SME'] })
  @Transform(trimAll)
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  terms: string[];
}

export class SynonymView {
  @ApiProperty() id: string;
  @ApiProperty({ type: [String] }) terms: string[];
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}
