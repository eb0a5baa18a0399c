import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import { AdminRequest, AllowRoles, CurrentAdminRequest } from './admin-role.guard';
import { type AdminUserView, type AdminUserWithPassword, AdminUsersService } from './admin-users.service';
import { CreateUserDto, UpdateUserDto } from './admin.dto';

const WHY = 'user administration';

/** Accounts (issue 5 item 1): admin only (403 otherwise); every change is in the admin log. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
@AllowRoles('admin')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'Every account: party, role, teams, disabled, second factor, login lock (admin)',
  })
  list(): Promise<AdminUserView[]> {
    return this.users.list();
  }

  @Post()
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'Make an account (admin)',
    description:
      'partyId, or partyKind with partyName (that party, made if new). Without password the answer carries a ' +
      'generated `oneTimePassword`, shown this once. 409: username taken; 422: an admin or privacy officer in a ' +
      'team, or a chair outside the municipality.',
  })
  create(
    @CurrentAdminRequest() by: AdminRequest,
    @Body() body: CreateUserDto,
  ): Promise<AdminUserWithPassword> {
    return this.users.create(by, body);
  }

  @Patch(':id')
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'Change display name, e-mail, role, disabled or single sign-on subject (admin)',
    description:
      'Disabling, and unlinking or relinking a single sign-on subject, end every session of the user. 409: the ' +
      'subject is linked to another account. 422: disabling or demoting yourself, removing the last active ' +
      'admin, making a team participant admin or privacy officer, or a chair outside the municipality.',
  })
  update(
    @CurrentAdminRequest() by: AdminRequest,
    @UuidParam('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<AdminUserView> {
    return this.users.update(by, id, body);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'A new one-time password, answered once; every session of the user ends (admin)',
  })
  resetPassword(
    @CurrentAdminRequest() by: AdminRequest,
    @UuidParam('id') id: string,
  ): Promise<AdminUserWithPassword> {
    return this.users.resetPassword(by, id);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @NoClientData(WHY)
  @ApiOperation({ summary: "Clear the login lock of the user's username after too many failures (admin)" })
  unlock(@CurrentAdminRequest() by: AdminRequest, @UuidParam('id') id: string): Promise<AdminUserView> {
    return this.users.unlock(by, id);
  }

  @Delete(':id/totp')
  @NoClientData(WHY)
  @ApiOperation({
    summary:
      'Remove the second factor so the user can enrol a new one; every session of the user ends (admin)',
  })
  resetTotp(@CurrentAdminRequest() by: AdminRequest, @UuidParam('id') id: string): Promise<AdminUserView> {
    return this.users.resetTotp(by, id);
  }
}
