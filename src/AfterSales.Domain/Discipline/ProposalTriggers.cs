using System.Globalization;
using System.Linq.Expressions;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Discipline;

/// <summary>
/// A reward or penalty the daily scan would propose: who, under which rule, for which day, with what evidence.
/// <see cref="SourceKey"/> names the event (unique among records), so an event is proposed once.
/// </summary>
public sealed record ProposalDraft(DisciplineRule Rule, string EmployeeId, DateOnly FactDate, DomainMessage Evidence, IReadOnlyList<EvidenceLink> Links, string SourceKey, decimal? Cash = null)
{
    /// <summary>The fact date a record takes: a fact date after <paramref name="today"/> is recorded as today.</summary>
    public DateOnly FactDateOn(DateOnly today) => FactDate > today ? today : FactDate;
}

/// <summary>
/// An open work order whose repair clock has a deadline (company date), with the service advisor who handled its
/// ticket (<see cref="AdvisorId"/>: the person who logged it at the desk).
/// </summary>
public sealed record OpenRepairFact(long WorkOrderId, long TicketId, string TicketNumber, string AdvisorId, DateOnly Deadline);

/// <summary>
/// A follow-up call done with at least one "poor" rating; <see cref="DoneOn"/> is the company date of the call;
/// <see cref="AdvisorId"/> the service advisor who handled the ticket (the person who logged it at the desk).
/// </summary>
public sealed record PoorFollowUpFact(long FollowUpId, long TicketId, long WorkOrderId, string TicketNumber, string AdvisorId, DateOnly? DoneOn, string? Comment);

/// <summary>A completed work order: company dates of its completion and of its hand-in (null: not handed in).</summary>
public sealed record CompletedWorkOrderFact(long WorkOrderId, long TicketId, string TicketNumber, string TechnicianId, DateOnly CompletedOn, DateOnly? HandedInOn);

/// <summary>A completed work order with the extra services sold on site, handed in on <see cref="HandedInOn"/>.</summary>
public sealed record ExtraIncomeFact(long WorkOrderId, long TicketId, string TicketNumber, string TechnicianId, DateOnly CompletedOn, DateOnly HandedInOn, IReadOnlyList<ExtraServiceLine> Services);

/// <summary>
/// A complaint with its handler and, when the company knows one, the head of the handler's region
/// (<see cref="RegionalHeadId"/>, in <see cref="Region"/>). <see cref="RecordedOn"/> and <see cref="DueOn"/> are the
/// company dates of its recording and of the end of the allowed time.
/// </summary>
public sealed record UnreportedComplaintFact(long ComplaintId, long TicketId, string TicketNumber, string HandlerId, bool Resolved, DateTimeOffset RecordedAt, DateTimeOffset? ReportedUpAt, DateOnly RecordedOn, DateOnly DueOn, string? RegionalHeadId = null, string? Region = null);

/// <summary>A technician's labour hours over a period (work orders completed in it).</summary>
public sealed record HoursFact(string EmployeeId, decimal Hours);

/// <summary>
/// The seven daily proposal triggers of the reward and penalty regulations, as pure functions over facts
/// the scan loads. They only <em>propose</em>: a manager approves or rejects every record. Each trigger's article,
/// and why, is written beside it; the article is whichever active rule of the catalog carries the trigger
/// (<see cref="RuleFor"/>), so the company can re-map a trigger by editing its catalog.
/// </summary>
public static class ProposalTriggers
{
    /// <summary>The rule that carries <paramref name="trigger"/>: the active one with the lowest article code, or null.</summary>
    public static DisciplineRule? RuleFor(IEnumerable<DisciplineRule> rules, RuleTrigger trigger) =>
        rules.Where(r => r.Active && r.Trigger == trigger).OrderBy(r => r.Article, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>
    /// The drafts the rule-audience check admits (<see cref="RuleAudiences.AppliesTo"/>, the check
    /// <see cref="DisciplineRecord.Propose"/> makes): a draft for an employee the rule does not apply to, or for an
    /// employee <paramref name="audiences"/> does not know (no such person), is left out, so the scan never proposes a
    /// record a person could not have proposed by hand.
    /// </summary>
    public static IEnumerable<ProposalDraft> ForAudience(IEnumerable<ProposalDraft> drafts, IReadOnlyDictionary<string, IReadOnlySet<RuleAudience>> audiences) =>
        drafts.Where(d => audiences.TryGetValue(d.EmployeeId, out var employee) && RuleAudiences.AppliesTo(d.Rule, employee));

    /// <summary>
    /// A follow-up call done with any of its four ratings "poor" (a query the database can run).
    /// </summary>
    public static Expression<Func<FollowUp, bool>> PoorFollowUpCall { get; } = f =>
        f.Status == FollowUpStatus.Done
        && (f.Attitude == Satisfaction.Poor || f.Competence == Satisfaction.Poor || f.Speed == Satisfaction.Poor || f.Result == Satisfaction.Poor);

    /// <summary>
    /// (a) Repair overdue — seed Part 3 §2 item 6, 「无故让客户长时间等待者,扣罚20元」 (P3-2.6, keeping a customer
    /// waiting a long time without reason). Reading kept: a repair clock past its deadline by at least one working
    /// day is the customer kept waiting; "without reason" is the extension not logged (a logged extension moves the
    /// deadline, so it never counts). Part 3 is the 售后服务顾问奖惩制度: it applies to service advisors, not to repair
    /// staff (<see cref="RuleAudiences.For"/>). So the proposal goes to the service advisor who handled the ticket — the
    /// one who, by Part 4 §1.1.2, 「售后服务过程中把握售后进度,及时向客户反馈处理结果」 keeps track of the service's progress
    /// and tells the customer — never to the technician (Part 5 has no article for a late repair; a manager who finds
    /// the technician at fault records a Part 5 article by hand). Dated the day after the deadline.
    /// </summary>
    public static IEnumerable<ProposalDraft> RepairOverdue(DisciplineRule rule, IEnumerable<OpenRepairFact> facts, WorkingCalendar calendar, DateOnly today)
    {
        foreach (var w in facts)
        {
            if (w.Deadline >= today)
            {
                continue;
            }

            var days = calendar.WorkingDaysBetween(w.Deadline, today);
            if (days < 1)
            {
                continue;
            }

            yield return new ProposalDraft(
                rule,
                w.AdvisorId,
                w.Deadline.AddDays(1),
                DomainMessage.Of(MessageCodes.ProposalOverdue, Invariant($"Repair overdue: work order #{w.WorkOrderId} (ticket {w.TicketNumber}) was due {w.Deadline:yyyy-MM-dd}, {days} working day(s) late"), w.WorkOrderId, w.TicketNumber, w.Deadline, days),
                [WorkOrderLink(w.WorkOrderId), new EvidenceLink("Ticket", w.TicketId, w.TicketNumber)],
                "repair-overdue:" + Id(w.WorkOrderId));
        }
    }

    /// <summary>
    /// (b) Poor follow-up — seed Part 3 §2 item 7, 「因部门间相互工作关系不合作,造成客户意见。对造成用户意见的相关责任者,
    /// 分别扣罚10元」 (P3-2.7). Reading kept: a "poor" rating in the follow-up call is the customer's opinion (客户意见)
    /// the article penalises "each person responsible" for. Part 3 applies to service advisors only, so the scan names
    /// the service advisor who handled the ticket (the desk's side of the cooperation), never the technician, and only
    /// proposes — whether the cause was non-cooperation between departments is what the deciding manager establishes
    /// (otherwise the proposal is rejected). Dated the day of the call (today when unknown).
    /// </summary>
    public static IEnumerable<ProposalDraft> PoorFollowUp(DisciplineRule rule, IEnumerable<PoorFollowUpFact> facts, DateOnly today)
    {
        foreach (var f in facts)
        {
            var day = f.DoneOn ?? today;
            yield return new ProposalDraft(
                rule,
                f.AdvisorId,
                day,
                string.IsNullOrWhiteSpace(f.Comment)
                    ? DomainMessage.Of(MessageCodes.ProposalPoorFollowUp, Invariant($"Poor follow-up rating: ticket {f.TicketNumber}, work order #{f.WorkOrderId}, follow-up #{f.FollowUpId} ({day:yyyy-MM-dd})"), f.TicketNumber, f.WorkOrderId, f.FollowUpId, day)
                    : DomainMessage.Of(MessageCodes.ProposalPoorFollowUpComment, Invariant($"Poor follow-up rating: ticket {f.TicketNumber}, work order #{f.WorkOrderId}, follow-up #{f.FollowUpId} ({day:yyyy-MM-dd}): {f.Comment}"), f.TicketNumber, f.WorkOrderId, f.FollowUpId, day, Truncate(f.Comment, 500)),
                [new EvidenceLink("FollowUp", f.FollowUpId, "#" + Id(f.FollowUpId)), WorkOrderLink(f.WorkOrderId), new EvidenceLink("Ticket", f.TicketId, f.TicketNumber)],
                "poor-followup:" + Id(f.FollowUpId));
        }
    }

    /// <summary>
    /// (c) Not handed in — Part 5 art. 28, 「应缴报表未缴（每次）」 (P5-28, a required report not handed in, each time):
    /// a completed work order is handed in by the next working day after its completion day; handed in later, or
    /// still not handed in after that day, is proposed, dated the day after the due day.
    /// </summary>
    public static IEnumerable<ProposalDraft> NotHandedIn(DisciplineRule rule, IEnumerable<CompletedWorkOrderFact> facts, WorkingCalendar calendar, DateOnly today)
    {
        foreach (var w in facts)
        {
            var dueBy = calendar.NextWorkingDay(w.CompletedOn);
            var late = w.HandedInOn is { } handed ? handed > dueBy : today > dueBy;
            if (!late)
            {
                continue;
            }

            var evidence = w.HandedInOn is { } on
                ? DomainMessage.Of(MessageCodes.ProposalLateHandIn, Invariant($"Work order handed in late: #{w.WorkOrderId} (ticket {w.TicketNumber}) completed {w.CompletedOn:yyyy-MM-dd}, due back by {dueBy:yyyy-MM-dd}, handed in {on:yyyy-MM-dd}"), w.WorkOrderId, w.TicketNumber, w.CompletedOn, dueBy, on)
                : DomainMessage.Of(MessageCodes.ProposalNotHandedIn, Invariant($"Work order not handed in: #{w.WorkOrderId} (ticket {w.TicketNumber}) completed {w.CompletedOn:yyyy-MM-dd}, due back by {dueBy:yyyy-MM-dd}, not handed in yet"), w.WorkOrderId, w.TicketNumber, w.CompletedOn, dueBy);
            yield return new ProposalDraft(rule, w.TechnicianId, dueBy.AddDays(1), evidence, [WorkOrderLink(w.WorkOrderId), new EvidenceLink("Ticket", w.TicketId, w.TicketNumber)], "not-handed-in:" + Id(w.WorkOrderId));
        }
    }

    /// <summary>The daily scan's source key for the art. 30 commission on a work order.</summary>
    public static string CommissionSourceKey(long workOrderId) => "extra-income:" + Id(workOrderId);

    /// <summary>
    /// (d) Extra service income — Part 5 art. 30 (P5-30): extra service income handed in on time earns the rule's rate
    /// (0.20) of the net income. "On time" is the hand-in notion of <see cref="NotHandedIn"/>: by the next working day
    /// after the completion day. No net income, a rule without a rate in (0, 1], or a late hand-in proposes nothing.
    /// Work orders whose commission is already taken (by hand) are left out by the caller.
    /// </summary>
    public static IEnumerable<ProposalDraft> ExtraIncome(DisciplineRule rule, IEnumerable<ExtraIncomeFact> facts, WorkingCalendar calendar)
    {
        if (rule.Threshold is not { } rate || rate <= 0m || rate > 1m)
        {
            yield break;
        }

        foreach (var w in facts)
        {
            var net = w.Services.Sum(e => e.NetIncome);
            var dueBy = calendar.NextWorkingDay(w.CompletedOn);
            if (net <= 0 || w.HandedInOn > dueBy)
            {
                continue;
            }

            var cash = Commission.Cash(net, rate);
            var services = w.Services.Take(10)
                .Select(e => DomainMessage.Of(MessageCodes.ProposalExtraService, Invariant($"{e.Description} charge {e.Charge:0.00} cost {e.MaterialCost:0.00}"), Truncate(e.Description, 100), e.Charge, e.MaterialCost))
                .ToList();
            var evidence = DomainMessage.Of(
                MessageCodes.ProposalExtraIncome,
                Invariant($"Extra service income: work order #{w.WorkOrderId} {string.Join("; ", services.Select(x => x.Text))}, net {net:0.00} × {rate * 100:0.##}% = {cash:0.00} (ticket {w.TicketNumber}, completed {w.CompletedOn:yyyy-MM-dd}, handed in on time {w.HandedInOn:yyyy-MM-dd})"),
                w.WorkOrderId,
                services,
                net,
                rate * 100,
                cash,
                w.TicketNumber,
                w.CompletedOn,
                w.HandedInOn);
            yield return new ProposalDraft(rule, w.TechnicianId, w.HandedInOn, evidence, [WorkOrderLink(w.WorkOrderId), new EvidenceLink("Ticket", w.TicketId, w.TicketNumber)], CommissionSourceKey(w.WorkOrderId), cash);
        }
    }

    /// <summary>
    /// (e) Complaint not reported up — Part 14 art. 4, 「对客户投诉问题及案件不主动解决,不主动上报,引发客户继续向上投诉,
    /// 销售公司查实后对相应的责任人及区域市场负责人做出必要的处罚」 (P14-4). A complaint neither resolved nor reported up
    /// within <paramref name="allowed"/> of its recording is proposed for its handler (the person responsible) and,
    /// since the article penalises 「及区域市场负责人」 as well, for the head of the handler's region when the facts name one
    /// (a separate record, <c>complaint-not-reported-head:{complaint}</c>). Both are dated the day the allowed time ended.
    /// </summary>
    public static IEnumerable<ProposalDraft> ComplaintNotReported(DisciplineRule rule, IEnumerable<UnreportedComplaintFact> facts, DateTimeOffset now, TimeSpan allowed)
    {
        var hours = (decimal)allowed.TotalHours;
        foreach (var c in facts)
        {
            if (c.Resolved || c.ReportedUpAt is not null || now - c.RecordedAt <= allowed)
            {
                continue;
            }

            var links = new[] { new EvidenceLink("Ticket", c.TicketId, c.TicketNumber) };
            yield return new ProposalDraft(
                rule,
                c.HandlerId,
                c.DueOn,
                DomainMessage.Of(MessageCodes.ProposalComplaintNotReported, Invariant($"Complaint not reported up: ticket {c.TicketNumber} (recorded {c.RecordedOn:yyyy-MM-dd}) neither resolved nor reported up within {allowed.TotalHours:0.#} hours"), c.TicketNumber, c.RecordedOn, hours),
                links,
                "complaint-not-reported:" + Id(c.ComplaintId));

            if (c.RegionalHeadId is { Length: > 0 } head && !string.Equals(head, c.HandlerId, StringComparison.Ordinal))
            {
                var region = c.Region ?? "";
                yield return new ProposalDraft(
                    rule,
                    head,
                    c.DueOn,
                    DomainMessage.Of(MessageCodes.ProposalComplaintNotReportedHead, Invariant($"Complaint not reported up in the region you head ({region}): ticket {c.TicketNumber} (recorded {c.RecordedOn:yyyy-MM-dd}) neither resolved nor reported up within {allowed.TotalHours:0.#} hours"), c.TicketNumber, c.RecordedOn, hours, region),
                    links,
                    "complaint-not-reported-head:" + Id(c.ComplaintId));
            }
        }
    }

    /// <summary>The half-year the scan judges on <paramref name="today"/>: January–June of this year from July on, else of last year.</summary>
    public static (int Year, DateOnly From, DateOnly To) EndedHalfYear(DateOnly today)
    {
        var year = today.Month >= 7 ? today.Year : today.Year - 1;
        return (year, new DateOnly(year, 1, 1), new DateOnly(year, 6, 30));
    }

    /// <summary>
    /// (f) Half-year hours — Part 5 art. 36a, 「上半年实际工时未达定额 70%」 (P5-36a, demerit): hours of the ended half-year
    /// below six monthly quotas × the rule's share (0.70). Dated 30 June.
    /// </summary>
    public static IEnumerable<ProposalDraft> HalfYearHours(DisciplineRule rule, decimal monthlyQuota, int year, IEnumerable<HoursFact> hours)
    {
        if (monthlyQuota <= 0 || rule.Threshold is not { } share)
        {
            yield break;
        }

        var to = new DateOnly(year, 6, 30);
        var quota = 6 * monthlyQuota;
        var target = quota * share;
        foreach (var (employee, worked) in hours)
        {
            if (worked < target)
            {
                yield return new ProposalDraft(rule, employee, to, DomainMessage.Of(MessageCodes.ProposalHalfYearHours, Invariant($"Half-year hours short: January–June {year} worked {worked:0.##} h, quota {quota:0.##} h, {share:P0} of it is {target:0.##} h"), year, worked, quota, share, target), [], Invariant($"hours-h1:{year}:{employee}"));
            }
        }
    }

    /// <summary>
    /// (f) Year hours — Part 5 art. 32 (P5-32a met ⇒ merit, 32b 20 %+ over ⇒ merit, 32c 50 %+ over ⇒ major merit) and
    /// art. 36b (P5-36b below 80 % ⇒ demerit), against twelve monthly quotas. Rewards are one ladder: the highest threshold
    /// met; otherwise the lowest penalty threshold not met. Dated 31 December.
    /// </summary>
    public static IEnumerable<ProposalDraft> YearHours(IEnumerable<DisciplineRule> rules, decimal monthlyQuota, int year, IEnumerable<HoursFact> hours)
    {
        var yearRules = rules.Where(r => r.Active && r.Trigger == RuleTrigger.YearHours && r.Threshold is not null).ToList();
        if (monthlyQuota <= 0 || yearRules.Count == 0)
        {
            yield break;
        }

        var to = new DateOnly(year, 12, 31);
        var annual = 12 * monthlyQuota;
        foreach (var (employee, worked) in hours)
        {
            var ratio = worked / annual;
            var rule = yearRules.Where(r => r.Kind == RuleKind.Reward && ratio >= r.Threshold).OrderByDescending(r => r.Threshold).FirstOrDefault()
                ?? yearRules.Where(r => r.Kind == RuleKind.Penalty && ratio < r.Threshold).OrderBy(r => r.Threshold).FirstOrDefault();
            if (rule is not null)
            {
                yield return new ProposalDraft(rule, employee, to, DomainMessage.Of(MessageCodes.ProposalYearHours, Invariant($"Hours of the year: {year} worked {worked:0.##} h, quota {annual:0.##} h ({ratio:P0} done)"), year, worked, annual, ratio), [], Invariant($"hours-year:{year}:{employee}"));
            }
        }
    }

    /// <summary>The three months before the month of <paramref name="today"/>, oldest first (first days).</summary>
    public static IReadOnlyList<DateOnly> LastThreeMonths(DateOnly today)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        return [thisMonth.AddMonths(-3), thisMonth.AddMonths(-2), thisMonth.AddMonths(-1)];
    }

    /// <summary>The source key of a three-month run ending with <paramref name="lastMonth"/>.</summary>
    public static string ThreeMonthsKey(DateOnly lastMonth, string employeeId) => Invariant($"hours-3m:{lastMonth:yyyy-MM}:{employeeId}");

    /// <summary>
    /// (g) Basic hours missed three months running — Part 5 art. 34, 「连续三个月未完成基本工时指标（调离或解雇）」 (P5-34,
    /// a removal-level proposal): in each of the three months before this one, hours below the monthly quota × the rule's
    /// share. Only for staff still enabled (<paramref name="enabled"/>) who completed work in each of the three months
    /// (a month without any work is leave or a new start, which a manager judges by hand). One proposal per run: a run
    /// overlapping one already proposed (<paramref name="alreadyProposed"/> holds the source keys) is the same run going on.
    /// </summary>
    /// <param name="perMonth">Hours per employee in each of <paramref name="months"/> (same order).</param>
    public static IEnumerable<ProposalDraft> ThreeMonthsHours(DisciplineRule rule, decimal monthlyQuota, IReadOnlyList<DateOnly> months, IReadOnlyList<IReadOnlyDictionary<string, decimal>> perMonth, IReadOnlySet<string> enabled, IReadOnlySet<string> alreadyProposed)
    {
        if (monthlyQuota <= 0 || rule.Threshold is not { } share || months.Count != 3 || perMonth.Count != 3)
        {
            yield break;
        }

        var target = monthlyQuota * share;
        var working = perMonth.Skip(1).Aggregate(perMonth[0].Keys.ToHashSet(StringComparer.Ordinal), (set, m) => { set.IntersectWith(m.Keys); return set; });
        foreach (var employee in working.Where(enabled.Contains).Order(StringComparer.Ordinal))
        {
            var hours = perMonth.Select(m => m[employee]).ToArray();
            if (hours.Any(h => h >= target) || alreadyProposed.Contains(ThreeMonthsKey(months[0], employee)) || alreadyProposed.Contains(ThreeMonthsKey(months[1], employee)))
            {
                continue;
            }

            var detail = months.Select((m, i) => DomainMessage.Of(MessageCodes.ProposalMonthHours, Invariant($"{m:yyyy-MM} {hours[i]:0.##} h"), m, hours[i])).ToList();
            var text = Invariant($"Basic hours missed three months running: {string.Join(", ", detail.Select(d => d.Text))}; the basic target is {target:0.##} h a month");
            yield return new ProposalDraft(rule, employee, months[2].AddMonths(1).AddDays(-1), DomainMessage.Of(MessageCodes.ProposalThreeMonths, text, detail, target), [], ThreeMonthsKey(months[2], employee));
        }
    }

    private static EvidenceLink WorkOrderLink(long id) => new("WorkOrder", id, "#" + Id(id));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
