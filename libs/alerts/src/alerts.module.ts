import { Module } from '@nestjs/common';
import { SearchModule } from '@app/search';
import { AlertsService } from './alerts.service';
import { MailRelay } from './mail-relay';

@Module({
  imports: [SearchModule],
  providers: [AlertsService, MailRelay],
  exports: [AlertsService, MailRelay],
})
export class AlertsModule {}
