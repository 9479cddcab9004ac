using AfterSales.Domain.Calendar;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Tests.Discipline;

/// <summary>
/// The daily scan's triggers and their article readings (seed text quoted in <see cref="ProposalTriggers"/>).
/// 2026-11-27 is a Friday; the calendar counts weekends only, except where a holiday is given.
/// </summary>
public sealed class ProposalTriggersTests
{
    private static readonly DateOnly Friday = new(2026, 11, 27);
    private static readonly WorkingCalendar Calendar = WorkingCalendar.WeekendsOnly;

    private static DisciplineRule Overdue() => new("P3-2.6", "无故让客户长时间等待", "Keeping a customer waiting", RuleAudience.AllStaff, RuleKind.Penalty, null, -20m, RuleTrigger.RepairOverdue);

    private static DisciplineRule Poor() => new("P3-2.7", "部门间不合作造成客户意见", "Non-cooperation", RuleAudience.AllStaff, RuleKind.Penalty, null, -10m, RuleTrigger.PoorFollowUp);

    private static DisciplineRule HandIn() => new("P5-28", "应缴报表未缴", "Report not handed in", RuleAudience.AllStaff, RuleKind.Penalty, DisciplineLevel.Demerit, 0m, RuleTrigger.WorkOrderNotHandedIn);

    private static DisciplineRule Commission(decimal rate = 0.20m) => new("P5-30", "额外服务创收", "Extra income", RuleAudience.Repair, RuleKind.Reward, null, 0m, RuleTrigger.ExtraIncomeCommission, rate);

    private static DisciplineRule NotReported() => new("P14-4", "投诉未及时上报", "Not reported", RuleAudience.AllStaff, RuleKind.Penalty, DisciplineLevel.Warning, -20m, RuleTrigger.ComplaintNotReported);

    private static DisciplineRule HalfYear() => new("P5-36a", "上半年工时未达 70%", "Half-year hours", RuleAudience.Repair, RuleKind.Penalty, DisciplineLevel.Demerit, 0m, RuleTrigger.HalfYearHours, 0.70m);

    private static DisciplineRule[] YearRules() =>
    [
        new("P5-32a", "完成全年工时定额", "met", RuleAudience.Repair, RuleKind.Reward, DisciplineLevel.Merit, 0m, RuleTrigger.YearHours, 1.00m),
        new("P5-32b", "超越 20%", "20% over", RuleAudience.Repair, RuleKind.Reward, DisciplineLevel.Merit, 0m, RuleTrigger.YearHours, 1.20m),
        new("P5-32c", "超越 50%", "50% over", RuleAudience.Repair, RuleKind.Reward, DisciplineLevel.MajorMerit, 0m, RuleTrigger.YearHours, 1.50m),
        new("P5-36b", "全年未达 80%", "below 80%", RuleAudience.Repair, RuleKind.Penalty, DisciplineLevel.Demerit, 0m, RuleTrigger.YearHours, 0.80m),
    ];

    private static DisciplineRule Monthly() => new("P5-34", "连续三个月未完成基本工时", "Three months", RuleAudience.Repair, RuleKind.Penalty, DisciplineLevel.Removal, 0m, RuleTrigger.MonthlyHours, 1.00m);

    [Fact]
    public void The_rule_of_a_trigger_is_the_active_one_with_the_lowest_article()
    {
        var later = new DisciplineRule("P3-2.9", "x", "x", RuleAudience.AllStaff, RuleKind.Penalty, null, -1m, RuleTrigger.RepairOverdue);
        var inactive = new DisciplineRule("P3-2.1", "x", "x", RuleAudience.AllStaff, RuleKind.Penalty, null, -1m, RuleTrigger.RepairOverdue);
        inactive.Update("x", "x", RuleAudience.AllStaff, RuleKind.Penalty, null, -1m, RuleTrigger.RepairOverdue, null, active: false);
        Assert.Equal("P3-2.6", ProposalTriggers.RuleFor([later, inactive, Overdue(), Poor()], RuleTrigger.RepairOverdue)!.Article);
        Assert.Null(ProposalTriggers.RuleFor([Poor()], RuleTrigger.RepairOverdue));
    }

    // (a) P3-2.6: overdue by at least one working day.
    [Theory]
    [InlineData("2026-11-26", "2026-11-27", 1)] // due Thursday, Friday: one working day late
    [InlineData("2026-11-27", "2026-11-27", 0)] // due today: not late
    [InlineData("2026-11-27", "2026-11-29", 0)] // due Friday, Sunday: no working day has passed
    [InlineData("2026-11-27", "2026-11-30", 1)] // due Friday, Monday: one working day
    [InlineData("2026-11-20", "2026-11-27", 5)]
    public void A_repair_is_proposed_to_the_tickets_service_advisor_as_keeping_the_customer_waiting_once_a_working_day_has_passed_its_deadline(string deadline, string today, int workingDaysLate)
    {
        var fact = new OpenRepairFact(7, 70, "SR-20261101-0001", "desk-1", DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture));
        var drafts = ProposalTriggers.RepairOverdue(Overdue(), [fact], Calendar, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (workingDaysLate == 0)
        {
            Assert.Empty(drafts);
            return;
        }

        var draft = Assert.Single(drafts);
        Assert.Equal(("P3-2.6", "desk-1", "repair-overdue:7"), (draft.Rule.Article, draft.EmployeeId, draft.SourceKey));
        Assert.Equal(fact.Deadline.AddDays(1), draft.FactDate);
        Assert.Equal(MessageCodes.ProposalOverdue, draft.Evidence.Code);
        Assert.Equal(workingDaysLate, draft.Evidence.Args[3]);
        Assert.Equal(["WorkOrder:7", "Ticket:70"], draft.Links.Select(l => $"{l.Kind}:{l.Id}"));
    }

    [Fact]
    public void A_holiday_after_the_deadline_is_not_a_day_of_waiting()
    {
        var calendar = new WorkingCalendar([Friday], []);
        var fact = new OpenRepairFact(7, 70, "SR-1", "desk-1", Friday.AddDays(-1));
        Assert.Empty(ProposalTriggers.RepairOverdue(Overdue(), [fact], calendar, Friday));
        Assert.Single(ProposalTriggers.RepairOverdue(Overdue(), [fact], calendar, Friday.AddDays(3)));
    }

    // (b) P3-2.7: any poor rating, proposed (never approved) for the ticket's service advisor.
    [Theory]
    [InlineData(Satisfaction.Poor, Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, true)]
    [InlineData(Satisfaction.Good, Satisfaction.Poor, Satisfaction.Good, Satisfaction.Good, true)]
    [InlineData(Satisfaction.Good, Satisfaction.Good, Satisfaction.Poor, Satisfaction.Good, true)]
    [InlineData(Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, Satisfaction.Poor, true)]
    [InlineData(Satisfaction.Average, Satisfaction.Average, Satisfaction.Average, Satisfaction.Average, false)]
    public void A_follow_up_call_with_any_poor_rating_is_a_poor_follow_up(Satisfaction attitude, Satisfaction competence, Satisfaction speed, Satisfaction result, bool poor)
    {
        var followUp = FollowUp.ForCompletedRepair(1, 2, "tech-1", Friday, Calendar);
        followUp.RecordReached(DateTimeOffset.UnixEpoch, Friday, "desk-1", attitude, competence, speed, result, null);
        Assert.Equal(poor, ProposalTriggers.PoorFollowUpCall.Compile()(followUp));
    }

    [Fact]
    public void A_follow_up_not_done_yet_is_never_a_poor_follow_up()
    {
        var followUp = FollowUp.ForCompletedRepair(1, 2, "tech-1", Friday, Calendar);
        Assert.False(ProposalTriggers.PoorFollowUpCall.Compile()(followUp));
    }

    [Fact]
    public void A_poor_follow_up_is_proposed_for_the_tickets_service_advisor_on_the_day_of_the_call_with_the_customers_words()
    {
        var withComment = new PoorFollowUpFact(3, 30, 31, "SR-1", "desk-2", Friday.AddDays(-2), "等了很久");
        var without = new PoorFollowUpFact(4, 40, 41, "SR-2", "desk-2", null, " ");
        var drafts = ProposalTriggers.PoorFollowUp(Poor(), [withComment, without], Friday).ToList();
        Assert.Equal(("P3-2.7", "desk-2", "poor-followup:3", Friday.AddDays(-2)), (drafts[0].Rule.Article, drafts[0].EmployeeId, drafts[0].SourceKey, drafts[0].FactDate));
        Assert.Equal(MessageCodes.ProposalPoorFollowUpComment, drafts[0].Evidence.Code);
        Assert.Equal("等了很久", drafts[0].Evidence.Args[4]);
        Assert.Equal(["FollowUp:3", "WorkOrder:31", "Ticket:30"], drafts[0].Links.Select(l => $"{l.Kind}:{l.Id}"));
        Assert.Equal((MessageCodes.ProposalPoorFollowUp, Friday), (drafts[1].Evidence.Code, drafts[1].FactDate));
    }

    [Fact]
    public void A_long_comment_is_cut_to_500_characters_in_the_evidence()
    {
        var fact = new PoorFollowUpFact(3, 30, 31, "SR-1", "desk-2", Friday, new string('差', 600));
        var draft = Assert.Single(ProposalTriggers.PoorFollowUp(Poor(), [fact], Friday));
        Assert.Equal(500, ((string)draft.Evidence.Args[4]).Length);
    }

    // Rule audience: the scan proposes only what the audience check admits (Part 3 to service advisors, Part 5 to the
    // service centre's repair and sales staff), so no proposal is ever refused by DisciplineRecord.Propose.
    private static readonly Dictionary<string, IReadOnlySet<RuleAudience>> Staff = new(StringComparer.Ordinal)
    {
        ["desk-1"] = RuleAudiences.Of([RuleAudiences.Desk]),
        ["tech-1"] = RuleAudiences.Of([RuleAudiences.Technician]),
        ["dispatch-1"] = RuleAudiences.Of([RuleAudiences.Dispatcher]),
        ["manager-1"] = RuleAudiences.Of([RuleAudiences.Manager]),
        ["admin-1"] = RuleAudiences.Of(["Admin"]),
    };

    [Fact]
    public void Part_3_triggers_reach_service_advisors_only_and_a_technician_or_unknown_person_is_never_proposed()
    {
        var overdue = new[] { "desk-1", "tech-1", "dispatch-1", "manager-1", "admin-1", "nobody" }
            .Select((id, i) => new OpenRepairFact(i + 1, 70 + i, "SR-" + i, id, Friday.AddDays(-3)));
        var drafts = ProposalTriggers.RepairOverdue(Overdue(), overdue, Calendar, Friday);
        Assert.Equal(["desk-1", "dispatch-1"], ProposalTriggers.ForAudience(drafts, Staff).Select(d => d.EmployeeId));
    }

    [Fact]
    public void Part_5_triggers_reach_repair_staff_and_their_supervisors_but_not_the_desk()
    {
        var late = new[] { "desk-1", "tech-1", "dispatch-1", "manager-1", "admin-1" }
            .Select((id, i) => new CompletedWorkOrderFact(i + 1, 90 + i, "SR-" + i, id, Friday.AddDays(-7), null));
        var drafts = ProposalTriggers.NotHandedIn(HandIn(), late, Calendar, Friday);
        Assert.Equal(["tech-1", "dispatch-1", "manager-1"], ProposalTriggers.ForAudience(drafts, Staff).Select(d => d.EmployeeId));
    }

    [Fact]
    public void Every_draft_the_audience_check_admits_is_a_record_Propose_accepts_and_every_other_one_it_refuses()
    {
        var everyone = Staff.Keys.ToList();
        var drafts = new List<ProposalDraft>();
        drafts.AddRange(ProposalTriggers.RepairOverdue(Overdue(), everyone.Select((id, i) => new OpenRepairFact(i + 1, 1, "SR-1", id, Friday.AddDays(-3))), Calendar, Friday));
        drafts.AddRange(ProposalTriggers.PoorFollowUp(Poor(), everyone.Select((id, i) => new PoorFollowUpFact(i + 1, 1, 1, "SR-1", id, Friday, null)), Friday));
        drafts.AddRange(ProposalTriggers.NotHandedIn(HandIn(), everyone.Select((id, i) => new CompletedWorkOrderFact(i + 1, 1, "SR-1", id, Friday.AddDays(-7), null)), Calendar, Friday));
        drafts.AddRange(ProposalTriggers.HalfYearHours(HalfYear(), 120m, 2026, everyone.Select(id => new HoursFact(id, 10m))));
        drafts.AddRange(ProposalTriggers.YearHours(YearRules(), 120m, 2025, everyone.Select(id => new HoursFact(id, 10m))));

        var admitted = ProposalTriggers.ForAudience(drafts, Staff).ToHashSet();
        Assert.NotEmpty(admitted);
        Assert.NotEqual(drafts.Count, admitted.Count);
        foreach (var d in drafts)
        {
            DisciplineRecord Propose() => DisciplineRecord.Propose(d.EmployeeId, d.Rule, d.FactDate, d.Evidence.Text, d.Links, DisciplineRecord.SystemProposer, DateTimeOffset.UnixEpoch, d.SourceKey, d.Cash, Staff[d.EmployeeId]);
            if (admitted.Contains(d))
            {
                Assert.Equal(d.EmployeeId, Propose().EmployeeId);
            }
            else
            {
                Assert.Equal("record.rule_audience", Assert.Throws<DomainException>(Propose).Code);
            }
        }
    }

    // (c) P5-28: handed in by the next working day after completion.
    [Theory]
    [InlineData("2026-11-26", "2026-11-27", "2026-11-30", false)] // Thursday → handed in Friday: on time
    [InlineData("2026-11-27", "2026-11-30", "2026-12-01", false)] // Friday → Monday: on time (the weekend does not count)
    [InlineData("2026-11-27", "2026-12-01", "2026-12-01", true)] // Friday → Tuesday: late
    [InlineData("2026-11-27", null, "2026-11-30", false)] // not handed in yet, still Monday: not late yet
    [InlineData("2026-11-27", null, "2026-12-01", true)] // not handed in, Tuesday: late
    public void A_work_order_is_proposed_when_handed_in_after_the_next_working_day_or_not_at_all(string completed, string? handedIn, string today, bool proposed)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var fact = new CompletedWorkOrderFact(9, 90, "SR-9", "tech-3", D(completed), handedIn is null ? null : D(handedIn));
        var drafts = ProposalTriggers.NotHandedIn(HandIn(), [fact], Calendar, D(today)).ToList();
        Assert.Equal(proposed, drafts.Count == 1);
        if (proposed)
        {
            var dueBy = Calendar.NextWorkingDay(D(completed));
            Assert.Equal(("P5-28", "tech-3", "not-handed-in:9", dueBy.AddDays(1)), (drafts[0].Rule.Article, drafts[0].EmployeeId, drafts[0].SourceKey, drafts[0].FactDate));
            Assert.Equal(handedIn is null ? MessageCodes.ProposalNotHandedIn : MessageCodes.ProposalLateHandIn, drafts[0].Evidence.Code);
        }
    }

    // (d) P5-30: the commission on net income handed in on time.
    [Fact]
    public void Extra_income_handed_in_on_time_earns_the_rules_rate_of_the_net_income()
    {
        var fact = new ExtraIncomeFact(5, 50, "SR-5", "tech-4", Friday, Friday.AddDays(3), [new ExtraServiceLine("清洗", 100m, 20m), new ExtraServiceLine("加装", 50.05m)]);
        var draft = Assert.Single(ProposalTriggers.ExtraIncome(Commission(), [fact], Calendar));
        Assert.Equal(("P5-30", "tech-4", "extra-income:5", Friday.AddDays(3)), (draft.Rule.Article, draft.EmployeeId, draft.SourceKey, draft.FactDate));
        Assert.Equal(26.01m, draft.Cash);
        Assert.Equal(130.05m, draft.Evidence.Args[2]);
    }

    [Fact]
    public void Extra_income_handed_in_late_or_without_net_income_earns_nothing()
    {
        var late = new ExtraIncomeFact(5, 50, "SR-5", "tech-4", Friday, Friday.AddDays(4), [new ExtraServiceLine("清洗", 100m)]);
        var atCost = new ExtraIncomeFact(6, 60, "SR-6", "tech-4", Friday, Friday, [new ExtraServiceLine("清洗", 100m, 100m)]);
        Assert.Empty(ProposalTriggers.ExtraIncome(Commission(), [late, atCost], Calendar));
    }

    // (e) P14-4: the person responsible and the regional market head.
    [Fact]
    public void A_complaint_not_reported_in_time_is_proposed_for_its_handler_and_the_head_of_the_region()
    {
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var fact = new UnreportedComplaintFact(11, 110, "SR-11", "desk-1", false, now.AddHours(-25), null, Friday.AddDays(-1), Friday, "manager-east", "华东服务站");
        var drafts = ProposalTriggers.ComplaintNotReported(NotReported(), [fact], now, TimeSpan.FromHours(24)).ToList();
        Assert.Equal(2, drafts.Count);
        Assert.Equal(("desk-1", "complaint-not-reported:11", MessageCodes.ProposalComplaintNotReported), (drafts[0].EmployeeId, drafts[0].SourceKey, drafts[0].Evidence.Code));
        Assert.Equal(("manager-east", "complaint-not-reported-head:11", MessageCodes.ProposalComplaintNotReportedHead), (drafts[1].EmployeeId, drafts[1].SourceKey, drafts[1].Evidence.Code));
        Assert.All(drafts, d => Assert.Equal((Friday, "P14-4"), (d.FactDate, d.Rule.Article)));
        Assert.Equal("华东服务站", drafts[1].Evidence.Args[3]);
    }

    [Fact]
    public void A_handler_who_heads_the_region_is_proposed_once_and_an_unknown_head_only_the_handler()
    {
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var self = new UnreportedComplaintFact(11, 110, "SR-11", "manager-east", false, now.AddHours(-25), null, Friday, Friday, "manager-east", "华东服务站");
        var none = new UnreportedComplaintFact(12, 120, "SR-12", "desk-2", false, now.AddHours(-25), null, Friday, Friday);
        var drafts = ProposalTriggers.ComplaintNotReported(NotReported(), [self, none], now, TimeSpan.FromHours(24)).ToList();
        Assert.Equal(["manager-east", "desk-2"], drafts.Select(d => d.EmployeeId));
    }

    [Theory]
    [InlineData(24, false, false, false)] // exactly the allowed time: not yet
    [InlineData(25, true, false, false)] // resolved
    [InlineData(25, false, true, false)] // reported up
    [InlineData(25, false, false, true)]
    public void A_complaint_is_proposed_only_when_neither_resolved_nor_reported_after_the_allowed_time(int hoursAgo, bool resolved, bool reported, bool proposed)
    {
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var fact = new UnreportedComplaintFact(11, 110, "SR-11", "desk-1", resolved, now.AddHours(-hoursAgo), reported ? now.AddHours(-1) : null, Friday, Friday);
        Assert.Equal(proposed, ProposalTriggers.ComplaintNotReported(NotReported(), [fact], now, TimeSpan.FromHours(24)).Any());
    }

    // (f) P5-36a, P5-32, P5-36b: hours of ended periods.
    [Theory]
    [InlineData("2026-07-01", 2026)]
    [InlineData("2026-06-30", 2025)]
    [InlineData("2026-01-02", 2025)]
    public void The_half_year_judged_is_the_last_ended_one(string today, int year)
    {
        var (y, from, to) = ProposalTriggers.EndedHalfYear(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((year, new DateOnly(year, 1, 1), new DateOnly(year, 6, 30)), (y, from, to));
    }

    [Fact]
    public void Half_year_hours_below_seventy_percent_of_six_quotas_are_proposed()
    {
        // 6 × 120 × 0.7 = 504 hours.
        var drafts = ProposalTriggers.HalfYearHours(HalfYear(), 120m, 2026, [new HoursFact("short", 503.99m), new HoursFact("met", 504m)]).ToList();
        var draft = Assert.Single(drafts);
        Assert.Equal(("short", "hours-h1:2026:short", new DateOnly(2026, 6, 30)), (draft.EmployeeId, draft.SourceKey, draft.FactDate));
        Assert.Empty(ProposalTriggers.HalfYearHours(HalfYear(), 0m, 2026, [new HoursFact("short", 1m)]));
    }

    [Theory]
    [InlineData(1151.99, "P5-36b")] // below 80 % of 1,440
    [InlineData(1152, null)] // 80 %: no penalty, no reward
    [InlineData(1439.99, null)]
    [InlineData(1440, "P5-32a")] // quota met
    [InlineData(1728, "P5-32b")] // 20 % over
    [InlineData(2159.99, "P5-32b")]
    [InlineData(2160, "P5-32c")] // 50 % over
    public void Year_hours_take_the_highest_reward_met_or_the_penalty_below_its_threshold(double hours, string? article)
    {
        var drafts = ProposalTriggers.YearHours(YearRules(), 120m, 2025, [new HoursFact("tech-1", (decimal)hours)]).ToList();
        Assert.Equal(article, drafts.SingleOrDefault()?.Rule.Article);
        Assert.All(drafts, d => Assert.Equal(("hours-year:2025:tech-1", new DateOnly(2025, 12, 31)), (d.SourceKey, d.FactDate)));
    }

    // (g) P5-34: three months running.
    [Fact]
    public void Basic_hours_missed_in_each_of_three_months_are_proposed_for_working_enabled_staff_only()
    {
        var months = ProposalTriggers.LastThreeMonths(Friday);
        Assert.Equal([new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)], months);
        IReadOnlyDictionary<string, decimal> Month(params (string Id, decimal Hours)[] rows) => rows.ToDictionary(r => r.Id, r => r.Hours, StringComparer.Ordinal);
        var perMonth = new[]
        {
            Month(("short", 2m), ("one-good", 120m), ("disabled", 2m)),
            Month(("short", 2m), ("one-good", 2m), ("disabled", 2m), ("new", 2m)),
            Month(("short", 119.99m), ("one-good", 2m), ("disabled", 2m), ("new", 2m)),
        };
        var enabled = new HashSet<string>(["short", "one-good", "new"], StringComparer.Ordinal);
        var draft = Assert.Single(ProposalTriggers.ThreeMonthsHours(Monthly(), 120m, months, perMonth, enabled, new HashSet<string>(StringComparer.Ordinal)));
        Assert.Equal(("short", "hours-3m:2026-10:short", new DateOnly(2026, 10, 31)), (draft.EmployeeId, draft.SourceKey, draft.FactDate));
        Assert.Equal(DisciplineLevel.Removal, draft.Rule.Level);
    }

    [Fact]
    public void A_run_overlapping_one_already_proposed_is_the_same_run_going_on()
    {
        var months = ProposalTriggers.LastThreeMonths(Friday);
        IReadOnlyDictionary<string, decimal> Short() => new Dictionary<string, decimal>(StringComparer.Ordinal) { ["tech-5"] = 2m };
        var enabled = new HashSet<string>(["tech-5"], StringComparer.Ordinal);
        foreach (var earlier in new[] { months[0], months[1] })
        {
            var proposed = new HashSet<string>([ProposalTriggers.ThreeMonthsKey(earlier, "tech-5")], StringComparer.Ordinal);
            Assert.Empty(ProposalTriggers.ThreeMonthsHours(Monthly(), 120m, months, [Short(), Short(), Short()], enabled, proposed));
        }

        var threeMonthsAgo = new HashSet<string>([ProposalTriggers.ThreeMonthsKey(months[0].AddMonths(-1), "tech-5")], StringComparer.Ordinal);
        Assert.Single(ProposalTriggers.ThreeMonthsHours(Monthly(), 120m, months, [Short(), Short(), Short()], enabled, threeMonthsAgo));
    }

    [Fact]
    public void A_proposal_is_never_dated_after_today()
    {
        var draft = new ProposalDraft(Overdue(), "tech-1", Friday.AddDays(1), DomainMessage.Of("x", "x"), [], "k");
        Assert.Equal(Friday, draft.FactDateOn(Friday));
        Assert.Equal(Friday.AddDays(1), draft.FactDateOn(Friday.AddDays(2)));
    }
}
