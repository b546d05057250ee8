import { Injectable, OnModuleInit } from '@nestjs/common';
import { SearchSyncRelay } from '@app/search';

/**
 * The server is where searches are read: at start it records its engine, so
 * a process that would send search changes elsewhere (a worker without the
 * same MEILI_URL) refuses instead of marking them done.
 */
@Injectable()
export class SearchReaders implements OnModuleInit {
  constructor(private readonly relay: SearchSyncRelay) {}

  async onModuleInit(): Promise<void> {
    await this.relay.bindReaders();
  }
}
