using AfterSales.Domain.Discipline;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Data.Configurations;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Discipline;

/// <summary>
/// Turns field-work events into reward and penalty <em>proposals</em> (never approvals), proposed by
/// <see cref="DisciplineRecord.SystemProposer"/>. Each event has a source key (unique in the database), so a
/// scan run twice, or by two instances at once, proposes each event once:
/// <list type="bullet">
/// <item><c>repair-overdue:{work order}</c>: an open work order whose repair clock deadline has passed by at least one working day (an extension logged in time moves the deadline, so it does not count), proposed for the service advisor who logged the ticket (Part 3 applies to service advisors).</item>
/// <item><c>poor-followup:{follow-up}</c>: a follow-up call done with any "poor" rating, proposed for the service advisor who logged the ticket.</item>
/// <item><c>not-handed-in:{work order}</c>: a completed work order not handed in by the next working day after completion.</item>
/// <item><c>extra-income:{work order}</c>: a completed work order with extra services sold on site (net income above 0) handed in by the next working day after completion: the art. 30 commission, the rule's rate of the net income, proposed for its technician.</item>
/// <item><c>complaint-not-reported:{complaint}</c>: a complaint still unresolved and never reported up after <c>Quality:ReportUpHours</c> (default 24), proposed for its handler (Part 14 §4), and <c>complaint-not-reported-head:{complaint}</c> for the head of the handler's region (the one enabled manager of the handler's department) when the company has exactly one there.</item>
/// <item><c>hours-h1:{year}:{employee}</c> / <c>hours-year:{year}:{employee}</c>: labour hours of the ended half-year / year against the monthly quota (<c>Discipline:MonthlyHourQuota</c>, default 120).</item>
/// <item><c>hours-3m:{yyyy-MM}:{employee}</c>: basic hours missed in each of the three months ending with that month (art. 34: transfer or dismissal, a removal-level proposal that alerts managers), for enabled staff with completed work in each of the three. One proposal per run: a run overlapping one already proposed is the same run going on.</item>
/// </list>
/// A draft for someone the rule does not apply to (<see cref="RuleAudiences"/>) is never proposed.
/// Hours are counted for technicians with at least one completed work order in the period (a technician
/// with none is more likely absent or new than idle; a manager proposes by hand there).
/// </summary>
public sealed class ProposalScanner(AfterSalesDbContext db, WorkCalendar workCalendar, CompanyClock clock, IOptionsSnapshot<DisciplineOptions> discipline, IOptionsSnapshot<QualityOptions> quality)
{
    public decimal MonthlyHourQuota => discipline.Value.MonthlyHourQuota;

    /// <summary>Proposes a record for every event not proposed yet; returns how many were proposed.</summary>
    /// <remarks>Loads the facts each trigger needs, lets <see cref="ProposalTriggers"/> decide, saves the proposals.</remarks>
    public async Task<int> ScanAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var calendar = await workCalendar.GetAsync(cancellationToken);
        var rules = await db.DisciplineRules.AsNoTracking().Where(r => r.Active && r.Trigger != RuleTrigger.None).ToListAsync(cancellationToken);
        var existing = (await db.DisciplineRecords.AsNoTracking().Where(r => r.SourceKey != null).Select(r => r.SourceKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var drafts = new List<ProposalDraft>();
        var now = clock.UtcNow;

        // (a) Repair clock overdue, work order still open.
        if (ProposalTriggers.RuleFor(rules, RuleTrigger.RepairOverdue) is { } overdueRule)
        {
            var open = await (from w in db.WorkOrders.AsNoTracking()
                              join t in db.Tickets.AsNoTracking() on w.TicketId equals t.Id
                              join advisor in db.Users.AsNoTracking() on t.CreatedBy equals advisor.UserName
                              where w.Deadline != null && w.Deadline < today && w.Status != WorkOrderStatus.Completed
                              select new OpenRepairFact(w.Id, w.TicketId, t.Number, advisor.Id, w.Deadline!.Value)).ToListAsync(cancellationToken);
            drafts.AddRange(ProposalTriggers.RepairOverdue(overdueRule, open, calendar, today));
        }

        // (b) A follow-up call with any "poor" rating.
        if (ProposalTriggers.RuleFor(rules, RuleTrigger.PoorFollowUp) is { } poorRule)
        {
            var poor = await (from f in db.FollowUps.AsNoTracking().Where(ProposalTriggers.PoorFollowUpCall)
                              join t in db.Tickets.AsNoTracking() on f.TicketId equals t.Id
                              join advisor in db.Users.AsNoTracking() on t.CreatedBy equals advisor.UserName
                              select new { f.Id, f.TicketId, f.WorkOrderId, t.Number, AdvisorId = advisor.Id, f.DoneAt, f.Comment }).ToListAsync(cancellationToken);
            var facts = poor.Select(f => new PoorFollowUpFact(f.Id, f.TicketId, f.WorkOrderId, f.Number, f.AdvisorId, f.DoneAt is { } done ? LocalDate(done) : null, f.Comment));
            drafts.AddRange(ProposalTriggers.PoorFollowUp(poorRule, facts, today));
        }

        // (c) Completed, not handed in by the next working day.
        if (ProposalTriggers.RuleFor(rules, RuleTrigger.WorkOrderNotHandedIn) is { } handInRule)
        {
            var since = now.AddDays(-400);
            var completed = await (from w in db.WorkOrders.AsNoTracking()
                                   join t in db.Tickets.AsNoTracking() on w.TicketId equals t.Id
                                   where w.Status == WorkOrderStatus.Completed && w.CompletedAt != null && w.CompletedAt > since
                                         && (w.HandedInAt == null || w.HandedInAt > w.CompletedAt!.Value.AddDays(1))
                                   select new { w.Id, w.TicketId, t.Number, w.TechnicianId, CompletedAt = w.CompletedAt!.Value, w.HandedInAt }).ToListAsync(cancellationToken);
            var facts = completed.Select(w => new CompletedWorkOrderFact(w.Id, w.TicketId, w.Number, w.TechnicianId, LocalDate(w.CompletedAt), w.HandedInAt is { } h ? LocalDate(h) : null));
            drafts.AddRange(ProposalTriggers.NotHandedIn(handInRule, facts, calendar, today));
        }

        // (d) Extra service income handed in on time (art. 30): the commission on its net income.
        if (ProposalTriggers.RuleFor(rules, RuleTrigger.ExtraIncomeCommission) is { Threshold: { } rate and > 0m and <= 1m } commissionRule)
        {
            var since = now.AddDays(-400);
            var sold = await (from w in db.WorkOrders.FromSqlRaw("select * from work_orders where " + WorkOrderConfiguration.ExtraServicesFilter).AsNoTracking()
                              join t in db.Tickets.AsNoTracking() on w.TicketId equals t.Id
                              where w.Status == WorkOrderStatus.Completed && w.CompletedAt != null && w.CompletedAt > since && w.HandedInAt != null
                              select new
                              {
                                  w.Id,
                                  w.TicketId,
                                  t.Number,
                                  w.TechnicianId,
                                  CompletedAt = w.CompletedAt!.Value,
                                  HandedInAt = w.HandedInAt!.Value,
                                  Services = EF.Property<List<ExtraServiceLine>>(w, "_extraServices"),
                              }).ToListAsync(cancellationToken);

            // A commission already proposed for the work order (by hand, linked to it) is not proposed again.
            var taken = await Commissions.WorkOrdersTakenAsync(db, commissionRule.Article, LocalDate(since), cancellationToken);
            var facts = sold.Where(w => !taken.Contains(w.Id))
                .Select(w => new ExtraIncomeFact(w.Id, w.TicketId, w.Number, w.TechnicianId, LocalDate(w.CompletedAt), LocalDate(w.HandedInAt), w.Services));
            drafts.AddRange(ProposalTriggers.ExtraIncome(commissionRule, facts, calendar));
        }

        // (e) A complaint neither resolved nor reported up in time: its handler, and the head of the handler's region.
        if (ProposalTriggers.RuleFor(rules, RuleTrigger.ComplaintNotReported) is { } notReportedRule)
        {
            var allowed = quality.Value.ReportUpAllowed;
            var before = now - allowed;
            var candidates = await (from c in db.Complaints.AsNoTracking()
                                    join t in db.Tickets.AsNoTracking() on c.TicketId equals t.Id
                                    where c.Stage != Domain.Complaints.ComplaintStage.Resolved && c.ReportedUpAt == null && c.RecordedAt < before
                                    select new { c.Id, c.TicketId, t.Number, c.HandlerId, c.Stage, c.RecordedAt, c.ReportedUpAt }).ToListAsync(cancellationToken);
            var heads = await RegionalHeadsAsync(candidates.Select(c => c.HandlerId), cancellationToken);
            var facts = candidates.Select(c => new UnreportedComplaintFact(
                c.Id,
                c.TicketId,
                c.Number,
                c.HandlerId,
                c.Stage == Domain.Complaints.ComplaintStage.Resolved,
                c.RecordedAt,
                c.ReportedUpAt,
                LocalDate(c.RecordedAt),
                LocalDate(c.RecordedAt + allowed),
                heads.GetValueOrDefault(c.HandlerId).Head,
                heads.GetValueOrDefault(c.HandlerId).Region));
            drafts.AddRange(ProposalTriggers.ComplaintNotReported(notReportedRule, facts, now, allowed));
        }

        // (f) Hour quotas of ended periods: the half-year (art. 36a) and the full year (art. 32, 36b).
        var quota = MonthlyHourQuota;
        if (quota > 0)
        {
            if (ProposalTriggers.RuleFor(rules, RuleTrigger.HalfYearHours) is { Threshold: not null } halfRule)
            {
                var (halfYear, from, to) = ProposalTriggers.EndedHalfYear(today);
                drafts.AddRange(ProposalTriggers.HalfYearHours(halfRule, quota, halfYear, await HoursAsync(from, to, cancellationToken)));
            }

            var year = today.Year - 1;
            if (rules.Any(r => r.Trigger == RuleTrigger.YearHours && r.Threshold is not null))
            {
                drafts.AddRange(ProposalTriggers.YearHours(rules, quota, year, await HoursAsync(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), cancellationToken)));
            }
        }

        // (g) Basic hours missed three months running (art. 34).
        if (quota > 0 && ProposalTriggers.RuleFor(rules, RuleTrigger.MonthlyHours) is { Threshold: not null } monthRule)
        {
            var months = ProposalTriggers.LastThreeMonths(today);
            var perMonth = new List<IReadOnlyDictionary<string, decimal>>();
            foreach (var month in months)
            {
                perMonth.Add((await HoursAsync(month, month.AddMonths(1).AddDays(-1), cancellationToken)).ToDictionary(h => h.EmployeeId, h => h.Hours, StringComparer.Ordinal));
            }

            var working = perMonth.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal).ToList();
            var enabled = (await db.Users.AsNoTracking().Where(u => !u.IsDisabled && working.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            drafts.AddRange(ProposalTriggers.ThreeMonthsHours(monthRule, quota, months, perMonth, enabled, existing));
        }

        // Only what a person could propose by hand: the rule applies to the employee (Part 3 to service advisors, Part 5
        // to the service centre's staff), checked again by Propose itself.
        var audiences = await AudiencesAsync(drafts.Select(d => d.EmployeeId), cancellationToken);
        var proposals = ProposalTriggers.ForAudience(drafts, audiences)
            .Where(d => existing.Add(d.SourceKey))
            .Select(d => DisciplineRecord.Propose(d.EmployeeId, d.Rule, d.FactDateOn(today), MessageText.Encode(d.Evidence), d.Links, DisciplineRecord.SystemProposer, now, d.SourceKey, d.Cash, audiences[d.EmployeeId]))
            .ToList();
        if (proposals.Count == 0)
        {
            return 0;
        }

        db.DisciplineRecords.AddRange(proposals);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return proposals.Count;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another scan proposed the same events meanwhile: nothing is lost, the next scan picks up the rest.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>Who each employee is for the regulations (<see cref="RuleAudiences.Of"/> of their roles); an unknown id is absent.</summary>
    private async Task<Dictionary<string, IReadOnlySet<RuleAudience>>> AudiencesAsync(IEnumerable<string> employeeIds, CancellationToken cancellationToken)
    {
        var ids = employeeIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return users.ToDictionary(
            id => id,
            id => RuleAudiences.Of(roles.Where(r => r.UserId == id).Select(r => r.Name!)),
            StringComparer.Ordinal);
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(clock.ToLocal(instant).DateTime);

    /// <summary>
    /// The head of each handler's region (Part 14 art. 4: 区域市场负责人): the one enabled manager of the handler's
    /// department (station), other than the handler. A department with no manager, or several (the company has not
    /// said which one heads it), names none: the deciding manager adds the head's record by hand.
    /// </summary>
    private async Task<Dictionary<string, (string? Head, string? Region)>> RegionalHeadsAsync(IEnumerable<string> handlerIds, CancellationToken cancellationToken)
    {
        var handlers = handlerIds.Distinct(StringComparer.Ordinal).ToList();
        if (handlers.Count == 0)
        {
            return [];
        }

        var departments = await db.Users.AsNoTracking()
            .Where(u => handlers.Contains(u.Id) && u.Department != null && u.Department != "")
            .Select(u => new { u.Id, u.Department })
            .ToListAsync(cancellationToken);
        var names = departments.Select(d => d.Department!).Distinct(StringComparer.Ordinal).ToList();
        var managers = await (from u in db.Users.AsNoTracking()
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where r.Name == Roles.Manager && !u.IsDisabled && names.Contains(u.Department!)
                              select new { u.Id, u.Department }).ToListAsync(cancellationToken);
        var byRegion = managers.GroupBy(m => m.Department!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(m => m.Id).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var result = new Dictionary<string, (string? Head, string? Region)>(StringComparer.Ordinal);
        foreach (var d in departments)
        {
            var candidates = byRegion.GetValueOrDefault(d.Department!, []).Where(id => id != d.Id).ToList();
            result[d.Id] = (candidates.Count == 1 && byRegion[d.Department!].Count == 1 ? candidates[0] : null, d.Department);
        }

        return result;
    }

    /// <summary>Labour hours of work orders completed in the period (company dates), per technician with at least one.</summary>
    private async Task<List<HoursFact>> HoursAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = clock.StartOfDay(from);
        var end = clock.StartOfDay(to.AddDays(1));
        var rows = await db.WorkOrders.AsNoTracking()
            .Where(w => w.Status == WorkOrderStatus.Completed && w.CompletedAt >= start && w.CompletedAt < end)
            .GroupBy(w => w.TechnicianId)
            .Select(g => new { Employee = g.Key, Hours = g.Sum(w => w.LabourHours) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new HoursFact(r.Employee, r.Hours)).ToList();
    }
}
