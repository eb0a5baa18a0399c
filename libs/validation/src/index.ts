export * from './bsn';
export * from './iso-date';
export * from './validators';
export * from './uuid.param';
export * from './json-body';
