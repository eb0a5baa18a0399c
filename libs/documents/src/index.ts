export * from './documents.module';
export * from './documents.service';
export * from './documents.repository';
export * from './documents.labels';
export * from './three-party-agreement.pdf';
export * from './client-summary.pdf';
export * from './documents.controller';
