export { SourceWatchJob } from './source-watch.job';
export { SourceWatchModule } from './source-watch.module';
export { SourceWatchService } from './source-watch.service';
export { WATCH_KINDS, type SourceWatchPass, type WatchItemView, type WatchKind } from './source-watch.types';
