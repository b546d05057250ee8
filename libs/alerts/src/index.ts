export * from './alerts.module';
export * from './alerts.service';
export * from './mail-relay';
