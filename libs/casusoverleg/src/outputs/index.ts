export * from './meeting-minutes';
export * from './meeting-ics';
export * from './pdf-document';
