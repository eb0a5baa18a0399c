import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoClientData } from '@koers/audit';
import { type AdminAuditPage, AdminAuditLog } from './admin-audit';
import { AllowRoles } from './admin-role.guard';
import { AdminAuditQueryDto } from './admin.dto';

/** The admin log: every change an admin made to users, teams and parties. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
@AllowRoles('admin', 'privacy_officer')
export class AdminAuditController {
  constructor(private readonly log: AdminAuditLog) {}

  @Get()
  @NoClientData('user administration')
  @ApiOperation({
    summary: 'What admins changed, newest first: who, what, target, when (admin and privacy officer)',
    description:
      "Filters: actorUserId, targetId, action; pages via `before` (the previous page's `nextBefore`).",
  })
  search(@Query() query: AdminAuditQueryDto): Promise<AdminAuditPage> {
    return this.log.search({ ...query, limit: query.limit ?? 100 });
  }
}
