import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'editor@example.org' }) @IsEmail() @MaxLength(320) email: string;
  @ApiProperty({ minLength: 1, maxLength: 1024 }) @IsString() @MinLength(1) @MaxLength(1024) password: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['admin', 'editor'] }) role: 'admin' | 'editor';
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
}

export class TokenView {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: UserView }) user: UserView;
}
