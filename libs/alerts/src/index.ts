export { AlertsModule } from './alerts.module';
export { AlertsService, type AlertFrequency } from './alerts.service';
export { MailRelay } from './mail-relay';
