export * from './admin-audit';
export * from './admin-role.guard';
export * from './admin-rules';
export * from './admin-teams.service';
export * from './admin-users.service';
export * from './admin.dto';
