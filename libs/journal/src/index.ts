export * from './journal.module';
export * from './journal.service';
export * from './journal.labels';
export * from './occurred-at';
export * from './dto/create-journal-entry.dto';
