using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Data.Configurations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Disciplining;

/// <summary>
/// Turns field-work events into reward and penalty <em>proposals</em> (never approvals), proposed by
/// <see cref="DisciplineRecord.SystemProposer"/>. Each event has a source key (unique in the database), so a
/// scan run twice, or by two instances at once, proposes each event once:
/// <list type="bullet">
/// <item><c>repair-overdue:{work order}</c>: an open work order whose repair clock deadline has passed by at least one working day (an extension logged in time moves the deadline, so it does not count).</item>
/// <item><c>poor-followup:{follow-up}</c>: a follow-up call done with any "poor" rating.</item>
/// <item><c>not-handed-in:{work order}</c>: a completed work order not handed in by the next working day after completion.</item>
/// <item><c>extra-income:{work order}</c>: a completed work order with extra services sold on site (net income above 0) handed in by the next working day after completion: the art. 30 commission, the rule's rate of the net income, proposed for its technician.</item>
/// <item><c>complaint-not-reported:{complaint}</c>: a complaint still unresolved and never reported up after <c>Quality:ReportUpHours</c> (default 24), proposed for its handler (Part 14 §4).</item>
/// <item><c>hours-h1:{year}:{employee}</c> / <c>hours-year:{year}:{employee}</c>: labour hours of the ended half-year / year against the monthly quota (<c>Discipline:MonthlyHourQuota</c>, default 120).</item>
/// <item><c>hours-3m:{yyyy-MM}:{employee}</c>: basic hours missed in each of the three months ending with that month (art. 34: transfer or dismissal, a removal-level proposal that alerts managers), for enabled staff with completed work in each of the three. One proposal per run: a run overlapping one already proposed is the same run going on.</item>
/// </list>
/// Hours are counted for technicians with at least one completed work order in the period (a technician
/// with none is more likely absent or new than idle; a manager proposes by hand there).
/// </summary>
public sealed class ProposalScanner(AfterSalesDbContext db, WorkCalendar workCalendar, CompanyClock clock, IConfiguration configuration)
{
    public const decimal DefaultMonthlyHourQuota = 120m;

    public decimal MonthlyHourQuota => configuration.GetValue("Discipline:MonthlyHourQuota", DefaultMonthlyHourQuota);

    /// <summary>Proposes a record for every event not proposed yet; returns how many were proposed.</summary>
    public async Task<int> ScanAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var calendar = await workCalendar.GetAsync(cancellationToken);
        var rules = await db.DisciplineRules.AsNoTracking().Where(r => r.Active && r.Trigger != RuleTrigger.None).ToListAsync(cancellationToken);
        var existing = (await db.DisciplineRecords.AsNoTracking().Where(r => r.SourceKey != null).Select(r => r.SourceKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var proposals = new List<DisciplineRecord>();
        var now = clock.UtcNow;

        void Propose(DisciplineRule? rule, string employeeId, DateOnly factDate, DomainMessage evidence, IEnumerable<EvidenceLink> links, string key, decimal? cash = null)
        {
            if (rule is null || !existing.Add(key))
            {
                return;
            }

            proposals.Add(DisciplineRecord.Propose(employeeId, rule, factDate > today ? today : factDate, MessageText.Encode(evidence), links, DisciplineRecord.SystemProposer, now, key, cash));
        }

        DisciplineRule? RuleFor(RuleTrigger trigger) => rules.Where(r => r.Trigger == trigger).OrderBy(r => r.Article, StringComparer.Ordinal).FirstOrDefault();

        // (a) Repair clock overdue, work order still open.
        if (RuleFor(RuleTrigger.RepairOverdue) is { } overdueRule)
        {
            var overdue = await (from w in db.WorkOrders.AsNoTracking()
                                 join t in db.Tickets.AsNoTracking() on w.TicketId equals t.Id
                                 where w.Deadline != null && w.Deadline < today && w.Status != WorkOrderStatus.Completed
                                 select new { w.Id, w.TicketId, t.Number, w.TechnicianId, Deadline = w.Deadline!.Value }).ToListAsync(cancellationToken);
            foreach (var w in overdue)
            {
                var days = calendar.WorkingDaysBetween(w.Deadline, today);
                if (days < 1)
                {
                    continue;
                }

                Propose(
                    overdueRule,
                    w.TechnicianId,
                    w.Deadline.AddDays(1),
                    DomainMessage.Of(MessageCodes.ProposalOverdue, Invariant($"Repair overdue: work order #{w.Id} (ticket {w.Number}) was due {w.Deadline:yyyy-MM-dd}, {days} working day(s) late"), w.Id, w.Number, w.Deadline, days),
                    [WorkOrderLink(w.Id), new EvidenceLink("Ticket", w.TicketId, w.Number)],
                    "repair-overdue:" + w.Id.ToString(CultureInfo.InvariantCulture));
            }
        }

        // (b) A follow-up call with any "poor" rating.
        if (RuleFor(RuleTrigger.PoorFollowUp) is { } poorRule)
        {
            var poor = await (from f in db.FollowUps.AsNoTracking()
                              join t in db.Tickets.AsNoTracking() on f.TicketId equals t.Id
                              where f.Status == FollowUpStatus.Done
                                    && (f.Attitude == Satisfaction.Poor || f.Competence == Satisfaction.Poor || f.Speed == Satisfaction.Poor || f.Result == Satisfaction.Poor)
                              select new { f.Id, f.TicketId, f.WorkOrderId, t.Number, f.TechnicianId, f.DoneAt, f.Comment }).ToListAsync(cancellationToken);
            foreach (var f in poor)
            {
                var day = f.DoneAt is { } done ? DateOnly.FromDateTime(clock.ToLocal(done).DateTime) : today;
                Propose(
                    poorRule,
                    f.TechnicianId,
                    day,
                    string.IsNullOrWhiteSpace(f.Comment)
                        ? DomainMessage.Of(MessageCodes.ProposalPoorFollowUp, Invariant($"Poor follow-up rating: ticket {f.Number}, work order #{f.WorkOrderId}, follow-up #{f.Id} ({day:yyyy-MM-dd})"), f.Number, f.WorkOrderId, f.Id, day)
                        : DomainMessage.Of(MessageCodes.ProposalPoorFollowUpComment, Invariant($"Poor follow-up rating: ticket {f.Number}, work order #{f.WorkOrderId}, follow-up #{f.Id} ({day:yyyy-MM-dd}): {f.Comment}"), f.Number, f.WorkOrderId, f.Id, day, Truncate(f.Comment, 500)),
                    [new EvidenceLink("FollowUp", f.Id, "#" + f.Id.ToString(CultureInfo.InvariantCulture)), WorkOrderLink(f.WorkOrderId), new EvidenceLink("Ticket", f.TicketId, f.Number)],
                    "poor-followup:" + f.Id.ToString(CultureInfo.InvariantCulture));
            }
        }

        // (c) Completed, not handed in by the next working day.
        if (RuleFor(RuleTrigger.WorkOrderNotHandedIn) is { } handInRule)
        {
            var since = now.AddDays(-400);
            var completed = await (from w in db.WorkOrders.AsNoTracking()
                                   join t in db.Tickets.AsNoTracking() on w.TicketId equals t.Id
                                   where w.Status == WorkOrderStatus.Completed && w.CompletedAt != null && w.CompletedAt > since
                                         && (w.HandedInAt == null || w.HandedInAt > w.CompletedAt!.Value.AddDays(1))
                                   select new { w.Id, w.TicketId, t.Number, w.TechnicianId, CompletedAt = w.CompletedAt!.Value, w.HandedInAt }).ToListAsync(cancellationToken);
            foreach (var w in completed)
            {
                var completedOn = LocalDate(w.CompletedAt);
                var dueBy = calendar.NextWorkingDay(completedOn);
                var handedOn = w.HandedInAt is { } h ? LocalDate(h) : (DateOnly?)null;
                var late = handedOn is { } handed ? handed > dueBy : today > dueBy;
                if (!late)
                {
                    continue;
                }

                var evidence = handedOn is { } on
                    ? DomainMessage.Of(MessageCodes.ProposalLateHandIn, Invariant($"Work order handed in late: #{w.Id} (ticket {w.Number}) completed {completedOn:yyyy-MM-dd}, due back by {dueBy:yyyy-MM-dd}, handed in {on:yyyy-MM-dd}"), w.Id, w.Number, completedOn, dueBy, on)
                    : DomainMessage.Of(MessageCodes.ProposalNotHandedIn, Invariant($"Work order not handed in: #{w.Id} (ticket {w.Number}) completed {completedOn:yyyy-MM-dd}, due back by {dueBy:yyyy-MM-dd}, not handed in yet"), w.Id, w.Number, completedOn, dueBy);
                Propose(handInRule, w.TechnicianId, dueBy.AddDays(1), evidence, [WorkOrderLink(w.Id), new EvidenceLink("Ticket", w.TicketId, w.Number)], "not-handed-in:" + w.Id.ToString(CultureInfo.InvariantCulture));
            }
        }

        // (f) Extra service income handed in on time (art. 30): the commission on its net income.
        // "In time" is the hand-in notion of (c): by the next working day after the completion day (company dates).
        if (RuleFor(RuleTrigger.ExtraIncomeCommission) is { Threshold: { } rate and > 0m and <= 1m } commissionRule)
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
            foreach (var w in sold.Where(w => !taken.Contains(w.Id)))
            {
                var net = w.Services.Sum(e => e.NetIncome);
                var completedOn = LocalDate(w.CompletedAt);
                var dueBy = calendar.NextWorkingDay(completedOn);
                var handedOn = LocalDate(w.HandedInAt);
                if (net <= 0 || handedOn > dueBy)
                {
                    continue;
                }

                var cash = Commission.Cash(net, rate);
                var services = w.Services.Take(10)
                    .Select(e => DomainMessage.Of(MessageCodes.ProposalExtraService, Invariant($"{e.Description} charge {e.Charge:0.00} cost {e.MaterialCost:0.00}"), Truncate(e.Description, 100), e.Charge, e.MaterialCost))
                    .ToList();
                var evidence = DomainMessage.Of(
                    MessageCodes.ProposalExtraIncome,
                    Invariant($"Extra service income: work order #{w.Id} {string.Join("; ", services.Select(x => x.Text))}, net {net:0.00} × {rate * 100:0.##}% = {cash:0.00} (ticket {w.Number}, completed {completedOn:yyyy-MM-dd}, handed in on time {handedOn:yyyy-MM-dd})"),
                    w.Id,
                    services,
                    net,
                    rate * 100,
                    cash,
                    w.Number,
                    completedOn,
                    handedOn);
                Propose(
                    commissionRule,
                    w.TechnicianId,
                    handedOn,
                    evidence,
                    [WorkOrderLink(w.Id), new EvidenceLink("Ticket", w.TicketId, w.Number)],
                    Commissions.SourceKey(w.Id),
                    cash);
            }
        }

        // (e) A complaint neither resolved nor reported up in time: its handler is proposed for the penalty.
        if (RuleFor(RuleTrigger.ComplaintNotReported) is { } notReportedRule)
        {
            var allowed = QualityControl.QualitySettings.From(configuration).ReportUpAllowed;
            var before = now - allowed;
            var candidates = await (from c in db.Complaints.AsNoTracking()
                                    join t in db.Tickets.AsNoTracking() on c.TicketId equals t.Id
                                    where c.Stage != Domain.Complaints.ComplaintStage.Resolved && c.ReportedUpAt == null && c.RecordedAt < before
                                    select new { Complaint = c, t.Number }).ToListAsync(cancellationToken);
            foreach (var x in candidates.Where(x => x.Complaint.ShouldHaveBeenReported(now, allowed)))
            {
                var c = x.Complaint;
                var recorded = LocalDate(c.RecordedAt);
                Propose(
                    notReportedRule,
                    c.HandlerId,
                    LocalDate(c.RecordedAt + allowed),
                    DomainMessage.Of(MessageCodes.ProposalComplaintNotReported, Invariant($"Complaint not reported up: ticket {x.Number} (recorded {recorded:yyyy-MM-dd}) neither resolved nor reported up within {allowed.TotalHours:0.#} hours"), x.Number, recorded, (decimal)allowed.TotalHours),
                    [new EvidenceLink("Ticket", c.TicketId, x.Number)],
                    "complaint-not-reported:" + c.Id.ToString(CultureInfo.InvariantCulture));
            }
        }

        // (d) Hour quotas of ended periods: the half-year (art. 36a) and the full year (art. 32, 36b).
        var quota = MonthlyHourQuota;
        if (quota > 0)
        {
            var halfYear = today.Month >= 7 ? today.Year : today.Year - 1;
            if (RuleFor(RuleTrigger.HalfYearHours) is { Threshold: { } share } halfRule)
            {
                var from = new DateOnly(halfYear, 1, 1);
                var to = new DateOnly(halfYear, 6, 30);
                var target = 6 * quota * share;
                foreach (var (employee, hours) in await HoursAsync(from, to, cancellationToken))
                {
                    if (hours < target)
                    {
                        Propose(halfRule, employee, to, DomainMessage.Of(MessageCodes.ProposalHalfYearHours, Invariant($"Half-year hours short: January–June {halfYear} worked {hours:0.##} h, quota {6 * quota:0.##} h, {share:P0} of it is {target:0.##} h"), halfYear, hours, 6 * quota, share, target), [], Invariant($"hours-h1:{halfYear}:{employee}"));
                    }
                }
            }

            var year = today.Year - 1;
            var yearRules = rules.Where(r => r.Trigger == RuleTrigger.YearHours && r.Threshold is not null).ToList();
            if (yearRules.Count > 0)
            {
                var from = new DateOnly(year, 1, 1);
                var to = new DateOnly(year, 12, 31);
                var annual = 12 * quota;
                foreach (var (employee, hours) in await HoursAsync(from, to, cancellationToken))
                {
                    var ratio = hours / annual;

                    // Rewards: the highest threshold met (met, +20 %, +50 % are one ladder); penalties: below the threshold.
                    var rule = yearRules.Where(r => r.Kind == RuleKind.Reward && ratio >= r.Threshold).OrderByDescending(r => r.Threshold).FirstOrDefault()
                        ?? yearRules.Where(r => r.Kind == RuleKind.Penalty && ratio < r.Threshold).OrderBy(r => r.Threshold).FirstOrDefault();
                    if (rule is not null)
                    {
                        Propose(rule, employee, to, DomainMessage.Of(MessageCodes.ProposalYearHours, Invariant($"Hours of the year: {year} worked {hours:0.##} h, quota {annual:0.##} h ({ratio:P0} done)"), year, hours, annual, ratio), [], Invariant($"hours-year:{year}:{employee}"));
                    }
                }
            }
        }

        // (e) Basic hours missed three months running (art. 34): each of the three months before this one below the quota × threshold.
        if (quota > 0 && RuleFor(RuleTrigger.MonthlyHours) is { Threshold: { } monthShare } monthRule)
        {
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            var months = new[] { thisMonth.AddMonths(-3), thisMonth.AddMonths(-2), thisMonth.AddMonths(-1) };
            var perMonth = new List<Dictionary<string, decimal>>();
            foreach (var month in months)
            {
                perMonth.Add((await HoursAsync(month, month.AddMonths(1).AddDays(-1), cancellationToken)).ToDictionary(h => h.Employee, h => h.Hours, StringComparer.Ordinal));
            }

            var target = quota * monthShare;
            string Key(DateOnly month, string employee) => Invariant($"hours-3m:{month:yyyy-MM}:{employee}");

            // Working in each of the three months (at least one completed work order in each) and still on the staff:
            // a month without any work is leave or a new start, which a manager judges by hand.
            var working = perMonth.Skip(1).Aggregate(perMonth[0].Keys.ToHashSet(StringComparer.Ordinal), (set, m) => { set.IntersectWith(m.Keys); return set; });
            var enabled = (await db.Users.AsNoTracking().Where(u => !u.IsDisabled && working.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var employee in working.Where(enabled.Contains).Order(StringComparer.Ordinal))
            {
                var hours = perMonth.Select(m => m[employee]).ToArray();
                if (hours.Any(h => h >= target) || existing.Contains(Key(months[0], employee)) || existing.Contains(Key(months[1], employee)))
                {
                    continue;
                }

                var detail = months.Select((m, i) => DomainMessage.Of(MessageCodes.ProposalMonthHours, Invariant($"{m:yyyy-MM} {hours[i]:0.##} h"), m, hours[i])).ToList();
                var text = Invariant($"Basic hours missed three months running: {string.Join(", ", detail.Select(d => d.Text))}; the basic target is {target:0.##} h a month");
                Propose(monthRule, employee, thisMonth.AddDays(-1), DomainMessage.Of(MessageCodes.ProposalThreeMonths, text, detail, target), [], Key(months[2], employee));
            }
        }

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

    private static EvidenceLink WorkOrderLink(long id) => new("WorkOrder", id, "#" + id.ToString(CultureInfo.InvariantCulture));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(clock.ToLocal(instant).DateTime);

    /// <summary>Labour hours of work orders completed in the period (company dates), per technician with at least one.</summary>
    private async Task<List<(string Employee, decimal Hours)>> HoursAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = clock.StartOfDay(from);
        var end = clock.StartOfDay(to.AddDays(1));
        var rows = await db.WorkOrders.AsNoTracking()
            .Where(w => w.Status == WorkOrderStatus.Completed && w.CompletedAt >= start && w.CompletedAt < end)
            .GroupBy(w => w.TechnicianId)
            .Select(g => new { Employee = g.Key, Hours = g.Sum(w => w.LabourHours) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Employee, r.Hours)).ToList();
    }
}
