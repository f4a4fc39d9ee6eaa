import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Permission } from '../../access/permission';
import { RequirePermission } from '../../access/route-permission.decorator';
import { validateAs } from '../../web/forms';
import type { FormValues } from '../../web/forms';
import type { Html } from '../../web/jsx';
import { jsx } from '../../web/jsx';
import type { PageContext } from '../../web/page';
import { Page, PageController, PageRefusal } from '../../web/page';
import { AuditAction } from '../audit-action';
import { AuditLogService, headLine } from '../audit-log.service';
import { AuditVerifier } from '../audit-verifier.service';
import { Audited } from '../audited.decorator';
import { AuditHeadsQueryDto, AuditQueryDto } from '../dto/audit-query.dto';
import { AuditSearchPage, HeadsPage, SEARCH_FIELDS, VerifyPage } from './audit.page';

const PAGE_SIZE = 50;
const EXPORT_SIZE = 10000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function one(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** A day of the form as the instant the API filters on: its start, or (for `to`, inclusive) the next day's. */
function instantOf(day: string | undefined, next: boolean): string | undefined {
  if (day === undefined || !DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return day;
  const at = new Date(`${day}T00:00:00Z`);
  if (next) at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString();
}

/**
 * The auditor's pages over the audit log's services: the search as GET /audit (audited `audit.read`),
 * the verification as GET /audit/verify (`audit.verified`), and the signed heads as GET /audit/heads
 * (`audit.heads_read`), with their download for `audit:verify --heads`.
 */
@PageController('audit')
export class AuditPagesController {
  constructor(
    private readonly log: AuditLogService,
    private readonly verifier: AuditVerifier,
  ) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @Audited(AuditAction.AuditLogRead)
  async search(@Page() page: PageContext, @Query() query: Record<string, unknown>): Promise<Html> {
    const values: FormValues = {};
    for (const name of SEARCH_FIELDS) values[name] = one(query[name]);
    const afterSeq = one(query.afterSeq);
    const plain = {
      ...values,
      from: instantOf(values.from as string | undefined, false),
      to: instantOf(values.to as string | undefined, true),
      ...(afterSeq !== undefined ? { afterSeq } : {}),
      limit: PAGE_SIZE,
    };
    const defined = Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined));
    const form = await validateAs(AuditQueryDto, defined, page.language);
    if ('errors' in form) throw new PageRefusal(400, <AuditSearchPage page={page} values={values} errors={form.errors} />);
    const result = await this.log.search(form.value);
    return <AuditSearchPage page={page} values={values} result={result} />;
  }

  @Get('verify')
  @RequirePermission(Permission.AuditVerify)
  @Audited(AuditAction.AuditLogVerified)
  async verify(@Page() page: PageContext): Promise<Html> {
    return <VerifyPage page={page} result={await this.verifier.verify()} />;
  }

  @Get('heads')
  @RequirePermission(Permission.AuditRead)
  @Audited(AuditAction.AuditHeadsRead)
  async heads(@Page() page: PageContext, @Query('afterId') afterIdParam: unknown): Promise<Html> {
    const query = await this.headsQuery(afterIdParam, PAGE_SIZE, page);
    return <HeadsPage page={page} result={await this.log.heads(query)} afterId={query.afterId ?? 0} />;
  }

  /** The heads as JSON lines, the form `audit:heads` prints and `audit:verify --heads` reads. */
  @Get('heads/export')
  @RequirePermission(Permission.AuditRead)
  @Audited(AuditAction.AuditHeadsRead)
  async exportHeads(
    @Page() page: PageContext,
    @Query('afterId') afterIdParam: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const result = await this.log.heads(await this.headsQuery(afterIdParam, EXPORT_SIZE, page));
    response.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="panoh-audit-heads.jsonl"');
    return result.heads.map((head) => `${headLine(head)}\n`).join('');
  }

  private async headsQuery(afterIdParam: unknown, limit: number, page: PageContext): Promise<AuditHeadsQueryDto> {
    const afterId = one(afterIdParam);
    const form = await validateAs(AuditHeadsQueryDto, { ...(afterId ? { afterId } : {}), limit }, page.language);
    if ('errors' in form) throw new PageRefusal(400, <HeadsPage page={page} result={{ heads: [] }} afterId={0} />);
    return form.value;
  }
}
