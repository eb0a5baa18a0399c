export * from './actor';
export * from './access.module';
export * from './auth.guard';
export * from './auth.service';
export * from './password-hasher';
export * from './need-to-know';
export * from './invitations.service';
