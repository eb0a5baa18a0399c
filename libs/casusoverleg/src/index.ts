export * from './casusoverleg.module';
export * from './meetings.service';
export * from './agenda/agenda.generator';
export * from './outputs';
