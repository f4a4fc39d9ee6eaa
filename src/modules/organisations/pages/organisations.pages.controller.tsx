import { Body, Get, Post, Query, Redirect } from '@nestjs/common';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import type { FormBody } from '../../../core/web/forms';
import { text, validateAs } from '../../../core/web/forms';
import type { Html } from '../../../core/web/jsx';
import { jsx } from '../../../core/web/jsx';
import type { PageContext, SeeOther } from '../../../core/web/page';
import { Page, PageController, PageRefusal, seeOther } from '../../../core/web/page';
import { CreateOrganisationDto } from '../dto/create-organisation.dto';
import { OrganisationErrorCode, OrganisationException } from '../organisations.exception';
import { OrganisationsService } from '../organisations.service';
import { OrganisationsPage } from './organisations.page';
import { organisationMessages } from './organisations.messages';

/** The administrator's organisations: the list as GET /organisations, registering as POST /organisations. */
@PageController('organisations')
export class OrganisationsPagesController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @RequirePermission(Permission.OrganisationManage)
  async list(@Page() page: PageContext, @Query('done') done: unknown): Promise<Html> {
    const notice = done === 'created' ? organisationMessages.in(page.language)('created') : undefined;
    return <OrganisationsPage page={page} organisations={await this.organisations.list()} notice={notice} />;
  }

  @Post()
  @RequirePermission(Permission.OrganisationManage)
  @Audited(AuditAction.OrganisationCreated)
  @Redirect()
  async create(@Page() page: PageContext, @Body() body: FormBody): Promise<SeeOther> {
    const values = { name: text(body, 'name'), type: text(body, 'type'), kind: text(body, 'kind'), region: text(body, 'region') };
    const refuse = async (status: number, errors: Record<string, string>) =>
      new PageRefusal(
        status,
        <OrganisationsPage page={page} organisations={await this.organisations.list()} values={values} errors={errors} />,
      );
    const form = await validateAs(
      CreateOrganisationDto,
      { name: values.name ?? '', type: values.type ?? '', region: values.region ?? '', ...(values.kind ? { kind: values.kind } : {}) },
      page.language,
    );
    if ('errors' in form) throw await refuse(400, form.errors);
    try {
      await this.organisations.create(form.value);
    } catch (error) {
      if (error instanceof OrganisationException && error.code === OrganisationErrorCode.NameTaken) {
        throw await refuse(error.status, { name: organisationMessages.in(page.language)('name_taken') });
      }
      throw error;
    }
    return seeOther('/ui/organisations?done=created');
  }
}
