export * from './trajectory.module';
export * from './trajectory.service';
export * from './trajectory.repository';
export * from './snapshot-versions';
export * from './dto/create-client.dto';
export * from './dto/trajectory-event.dto';
export * from './deadline-reached.handler';
