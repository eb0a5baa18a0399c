import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { DeputiesController } from './deputies.controller';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';

@Module({
  controllers: [AuthController, DeputiesController, InvitationsController],
  providers: [
    AuthService,
    PasswordHasher,
    SessionRepository,
    InvitationsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, PasswordHasher],
})
export class AccessModule {}
