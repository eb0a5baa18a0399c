import { Module } from '@nestjs/common';
import { ClientAccessRepository } from './client-access.repository';

/** The ClientAccessRepository, for each bounded context that reads or writes client data (API and worker alike). */
@Module({ providers: [ClientAccessRepository], exports: [ClientAccessRepository] })
export class ClientAccessModule {}
