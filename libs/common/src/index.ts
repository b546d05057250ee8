export * from './domain-error';
export * from './http-error.filter';
export * from './validation';
export * from './pagination';
export * from './etag';
export * from './clock';
export * from './common.module';
export * from './request-id';
