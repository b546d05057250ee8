export * from './factories';
export * from './free-port';
export * from './test-database';
export * from './recording-search.engine';
export * from './throwaway-postgres';
