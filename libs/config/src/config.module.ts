import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { PublicUrls } from './public-urls';

/** Makes one validated AppConfig, and the public addresses built from it, injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }, PublicUrls], exports: [AppConfig, PublicUrls] };
  }
}
