import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { ClientAccessModule } from './client-access.module';
import { DeputiesController } from './deputies.controller';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import { AdminAuditController } from './admin/admin-audit.controller';
import { AdminAuditLog } from './admin/admin-audit';
import { RoleGuard } from './admin/admin-role.guard';
import { AdminTeamsController } from './admin/admin-teams.controller';
import { AdminTeamsService } from './admin/admin-teams.service';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminUsersService } from './admin/admin-users.service';
import { OidcClient } from './oidc/oidc-client';
import { OidcLoginRepository } from './oidc/oidc-login.repository';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';

@Module({
  imports: [ClientAccessModule],
  controllers: [
    AuthController,
    DeputiesController,
    InvitationsController,
    AdminUsersController,
    AdminTeamsController,
    AdminAuditController,
    OidcController,
  ],
  providers: [
    AuthService,
    PasswordHasher,
    SessionRepository,
    InvitationsService,
    AdminUsersService,
    AdminTeamsService,
    AdminAuditLog,
    RoleGuard,
    OidcClient,
    OidcLoginRepository,
    OidcService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, PasswordHasher],
})
export class AccessModule {}
