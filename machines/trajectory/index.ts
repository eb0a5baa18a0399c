// Public API of the trajectory machine (imported as '@koers/machines/trajectory').
export * from './trajectory.types';
export * from './trajectory.rules';
export * from './trajectory.machine';
export * from './trajectory.inspect';
export * from './trajectory.deadlines';
export * from './trajectory.blockers';
