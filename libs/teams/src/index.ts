export * from './teams.module';
export * from './teams.service';
export * from './team-setup.rules';
export * from './deadline-settings.rules';
export * from './dto/update-team-setup.dto';
