export {
  AppConfig,
  ConfigError,
  loadConfig,
  readSecret,
  readTestDatabaseUrl,
  type DatabaseConfig,
  type RateLimitConfig,
} from './app-config';
export { ConfigModule } from './config.module';
export { PublicUrls, programmePath } from './public-urls';
