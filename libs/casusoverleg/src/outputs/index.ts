export * from './meeting-minutes';
export * from './meeting-ics';
