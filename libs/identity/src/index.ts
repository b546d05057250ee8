export * from './user.entity';
export * from './identity.service';
export * from './identity.module';
export * from './auth.guard';
export * from './dto/login.dto';
