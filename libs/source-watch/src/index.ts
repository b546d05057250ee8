export * from './source-watch.module';
export * from './source-watch.service';
export * from './source-watch.job';
export * from './source-watch.types';
export * from './text-diff';
export * from './page-text';
export * from './page-fetcher';
export * from './assess';
