export * from './instruments';
export * from './instrument-scoring';
export * from './measured-at';
export * from './recovery.repository';
export * from './recovery.service';
export * from './recovery-instruments.service';
export * from './recovery.module';
export * from './dto/recovery-measurement.dto';
