using AfterSales.Domain.Tallies;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.Tallies;

public sealed class MonthlyTallyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly AfterOctober = new(2026, 11, 3);
    private static readonly Dictionary<string, IReadOnlySet<long>> NothingClosed = [];

    private static readonly TallyEmployee[] Staff =
    [
        new("u1", "tech1", "张一", "服务部", "Technician"),
        new("u2", "tech2", "李二", "服务部", "Technician"),
        new("u3", "desk1", "王三", "客服部", "Desk"),
    ];

    private static TallyRecord Record(long id, string employee, DateOnly fact, decimal cash, int points = 0, DateTimeOffset? approved = null) =>
        new(id, employee, fact, approved ?? At, "P5-" + id, "规则", points, cash, "证据", []);

    private static IReadOnlyList<TallyLine> Lines(string month, IEnumerable<TallyRecord> records, IReadOnlyDictionary<string, IReadOnlySet<long>>? closed = null) =>
        TallyCalculator.Compute(month, Staff, [], [], records, closed ?? NothingClosed, 120m, new Dictionary<string, int>());

    private static MonthlyTally Submitted(string by = "manager1")
    {
        var tally = MonthlyTally.Start("2026-10");
        tally.Submit(by, At, Lines("2026-10", [Record(1, "u1", new(2026, 10, 5), 100m)]), 120m, AfterOctober);
        return tally;
    }

    [Fact]
    public void A_month_goes_from_draft_through_submission_check_and_publication_to_locked()
    {
        var tally = Submitted();
        Assert.Equal(TallyStatus.Submitted, tally.Status);
        tally.Check("admin1", At.AddHours(1));
        Assert.Equal(TallyStatus.Checked, tally.Status);
        tally.Publish("manager2", At.AddHours(2));
        Assert.Equal(TallyStatus.Published, tally.Status);
        Assert.True(tally.IsPublished);
        tally.Lock("admin1", At.AddDays(7));
        Assert.Equal(TallyStatus.Locked, tally.Status);
        Assert.Equal(("manager1", "admin1", "manager2"), (tally.SubmittedBy, tally.CheckedBy, tally.PublishedBy));
    }

    [Fact]
    public void Whoever_submitted_does_not_check()
    {
        var tally = Submitted("boss");
        var error = Assert.Throws<DomainException>(() => tally.Check("boss", At));
        Assert.Equal("tally.segregation", error.Code);
        Assert.Equal(TallyStatus.Submitted, tally.Status);
    }

    [Fact]
    public void Illegal_transitions_are_refused()
    {
        var draft = MonthlyTally.Start("2026-10");
        Assert.Equal("tally.check_not_submitted", Assert.Throws<DomainException>(() => draft.Check("admin1", At)).Code);
        Assert.Equal("tally.publish_not_checked", Assert.Throws<DomainException>(() => draft.Publish("manager1", At)).Code);
        Assert.Equal("tally.lock_not_published", Assert.Throws<DomainException>(() => draft.Lock("admin1", At)).Code);
        Assert.Equal("tally.send_back_not_allowed", Assert.Throws<DomainException>(() => draft.SendBack("admin1", "缺数据")).Code);

        var submitted = Submitted();
        Assert.Equal("tally.publish_not_checked", Assert.Throws<DomainException>(() => submitted.Publish("manager2", At)).Code);
        Assert.Equal("tally.submit_not_draft", Assert.Throws<DomainException>(() => submitted.Submit("manager2", At, [], 120m, AfterOctober)).Code);

        submitted.Check("admin1", At);
        submitted.Publish("manager2", At);
        Assert.Equal("tally.send_back_not_allowed", Assert.Throws<DomainException>(() => submitted.SendBack("admin1", "改")).Code);
        Assert.Equal("tally.check_not_submitted", Assert.Throws<DomainException>(() => submitted.Check("admin2", At)).Code);
    }

    [Theory]
    [InlineData("2026-10-31")]
    [InlineData("2026-10-15")]
    public void A_month_is_submitted_only_once_it_is_over(string today)
    {
        var tally = MonthlyTally.Start("2026-10");
        Assert.Equal("tally.month_not_over", Assert.Throws<DomainException>(() => tally.Submit("manager1", At, [], 120m, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture))).Code);
    }

    [Fact]
    public void Sending_back_needs_a_reason_and_makes_the_month_live_again()
    {
        var tally = Submitted();
        Assert.Throws<DomainException>(() => tally.SendBack("admin1", " "));
        tally.SendBack("admin1", "漏了一条记录");
        Assert.Equal(TallyStatus.Draft, tally.Status);
        Assert.Empty(tally.Lines);
        Assert.Empty(tally.CountedRecordIds);
        Assert.Null(tally.SubmittedBy);
    }

    [Fact]
    public void A_month_is_not_sent_back_once_a_later_month_is_closed_for_that_one_may_have_counted_its_late_records()
    {
        var tally = Submitted();
        var error = Assert.Throws<DomainException>(() => tally.SendBack("admin1", "漏了一条记录", ["2026-09", "2026-11"]));
        Assert.Equal(("tally.later_month_closed", TallyStatus.Submitted), (error.Code, tally.Status));
        tally.SendBack("admin1", "漏了一条记录", ["2026-09", "2026-10"]);
        Assert.Equal(TallyStatus.Draft, tally.Status);
    }

    [Fact]
    public void Managers_and_the_admin_office_see_every_line_everyone_else_their_own_until_publication()
    {
        var submitted = Submitted();
        Assert.True(MonthlyTally.SeesEveryLine(null, managerOrAdminOffice: true));
        Assert.False(MonthlyTally.SeesEveryLine(submitted, managerOrAdminOffice: false));
        Assert.True(MonthlyTally.MaySeeLine(submitted, managerOrAdminOffice: false, ownLine: true));
        Assert.False(MonthlyTally.MaySeeLine(null, managerOrAdminOffice: false, ownLine: false));
        submitted.Check("admin1", At);
        submitted.Publish("manager2", At);
        Assert.True(MonthlyTally.MaySeeLine(submitted, managerOrAdminOffice: false, ownLine: false));
        submitted.Lock("admin1", At);
        Assert.True(MonthlyTally.SeesEveryLine(submitted, managerOrAdminOffice: false));
    }

    [Fact]
    public void The_snapshot_keeps_the_ids_of_the_records_it_counts_and_of_those_it_takes_back()
    {
        var counted = new TallyLineRecord(7, "P5-7", "规则", new(2026, 9, 2), -1, -50m, "证据", [], null, null);
        var withdrawal = new TallyWithdrawal("u2", "2026-09", counted);
        var lines = TallyCalculator.Compute("2026-10", Staff, [], [], [Record(3, "u1", new(2026, 10, 5), 100m), Record(1, "u1", new(2026, 10, 6), 10m)], NothingClosed, 120m, new Dictionary<string, int>(), [withdrawal]);
        var tally = MonthlyTally.Start("2026-10");
        tally.Submit("manager1", At, lines, 120m, AfterOctober);
        Assert.Equal([1L, 3L], tally.CountedRecordIds);
        Assert.Equal([7L], tally.WithdrawnRecordIds);
        Assert.Equal(new HashSet<long> { 1, 3, 7 }, tally.SnapshotRecordIds);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("26-10")]
    [InlineData("2026-1")]
    [InlineData("abcd-ef")]
    public void A_month_is_written_yyyy_MM(string month) =>
        Assert.Equal("tally.month_invalid", Assert.Throws<DomainException>(() => MonthlyTally.Start(month)).Code);

    [Fact]
    public void A_line_adds_work_hours_satisfaction_and_cash()
    {
        var lines = TallyCalculator.Compute(
            "2026-10",
            Staff,
            TallyCalculator.Summarise("2026-10", [new TallyWork(1, 10, "T1", "u1", new(2026, 10, 2), 2.5m), new TallyWork(2, 11, "T2", "u1", new(2026, 10, 31), 1.5m), new TallyWork(3, 12, "T3", "u1", new(2026, 11, 1), 9m)]),
            TallyCalculator.Summarise("2026-10", [new TallyFollowUp("u1", new(2026, 10, 3), 5m), new TallyFollowUp("u1", new(2026, 10, 4), 4m), new TallyFollowUp("u1", new(2026, 9, 30), 1m)]),
            [Record(1, "u1", new(2026, 10, 5), 200m, 3), Record(2, "u1", new(2026, 10, 6), -50m, -1), Record(3, "u1", new(2026, 9, 6), -80m, -1)],
            NothingClosed,
            120m,
            new Dictionary<string, int> { ["u1"] = 2 });
        var line = Assert.Single(lines, l => l.EmployeeId == "u1");
        Assert.Equal((2, 4m, 120m, 2, 4.5m), (line.WorkOrders, line.LabourHours, line.HourQuota, line.FollowUps, line.AverageSatisfaction));
        Assert.Equal((2, 200m, 50m, 150m, 2), (line.Points, line.Bonuses, line.Fines, line.NetCash, line.YearToDateScore));
        Assert.Null(Assert.Single(lines, l => l.EmployeeId == "u3").AverageSatisfaction);
    }

    [Fact]
    public void A_record_approved_after_its_month_was_closed_counts_in_the_first_open_month_as_a_correction()
    {
        var closed = new Dictionary<string, IReadOnlySet<long>> { ["2026-09"] = new HashSet<long> { 1 }, ["2026-10"] = new HashSet<long>() };
        var late = Record(2, "u2", new(2026, 9, 20), -100m);
        Assert.Equal("2026-11", TallyCalculator.CountingMonth(late, closed));
        Assert.Equal("2026-09", TallyCalculator.CountingMonth(Record(1, "u1", new(2026, 9, 1), 10m), closed));

        var november = Assert.Single(Lines("2026-11", [late], closed), l => l.EmployeeId == "u2");
        var correction = Assert.Single(november.Records);
        Assert.Equal(("2026-09", 2L), (correction.CorrectionOfMonth, correction.Id));
        Assert.Empty(Assert.Single(Lines("2026-09", [late], closed), l => l.EmployeeId == "u2").Records);
    }

    [Fact]
    public void A_record_overturned_after_its_month_was_closed_is_taken_back_in_the_first_open_month()
    {
        var september = Lines("2026-09", [Record(7, "u1", new(2026, 9, 3), -200m, -3)]);
        var counted = Assert.Single(Assert.Single(september, l => l.EmployeeId == "u1").Records);
        var closed = new Dictionary<string, IReadOnlySet<long>> { ["2026-09"] = new HashSet<long> { 7 } };
        var withdrawal = new TallyWithdrawal("u1", "2026-09", counted);

        var october = Assert.Single(TallyCalculator.Compute("2026-10", Staff, [], [], [], closed, 120m, new Dictionary<string, int>(), [withdrawal]), l => l.EmployeeId == "u1");
        var taken = Assert.Single(october.Records);
        Assert.Equal((7L, true, "2026-09", 3, 200m), (taken.Id, taken.Withdrawn, taken.CorrectionOfMonth, taken.Points, taken.CashAmount));
        Assert.Equal((200m, 0m, 200m), (october.Bonuses, october.Fines, october.NetCash));

        // Once October is closed with the withdrawal, November does not take it back again.
        closed["2026-10"] = new HashSet<long> { 7 };
        Assert.Empty(Assert.Single(TallyCalculator.Compute("2026-11", Staff, [], [], [], closed, 120m, new Dictionary<string, int>(), [withdrawal]), l => l.EmployeeId == "u1").Records);
    }

    private static readonly Gen<TallyRecord[]> AnyRecords =
        from count in Gen.Choose(0, 30)
        from records in Gen.ArrayOf(
            from employee in Gen.Elements("u1", "u2", "u3")
            from day in Gen.Choose(0, 120)
            from cents in Gen.Choose(-100_000, 100_000)
            select (employee, day, cents), count)
        select records.Select((r, i) => Record(i + 1, r.employee, new DateOnly(2026, 8, 1).AddDays(r.day), r.cents / 100m)).ToArray();

    [Property]
    public Property The_lines_net_cash_is_the_bonuses_minus_the_fines_of_the_counted_records() =>
        Prop.ForAll(AnyRecords.ToArbitrary(), records =>
        {
            var closed = new Dictionary<string, IReadOnlySet<long>> { ["2026-09"] = records.Where(r => r.Id % 2 == 0).Select(r => r.Id).ToHashSet() };
            var ok = true;
            foreach (var month in new[] { "2026-08", "2026-09", "2026-10", "2026-11" })
            {
                var counted = records.Where(r => TallyCalculator.CountingMonth(r, closed) == month).ToList();
                var lines = Lines(month, records, closed);
                var bonuses = counted.Where(r => r.CashAmount > 0).Sum(r => r.CashAmount);
                var fines = -counted.Where(r => r.CashAmount < 0).Sum(r => r.CashAmount);
                ok &= lines.Sum(l => l.NetCash) == bonuses - fines && lines.All(l => l.NetCash == l.Bonuses - l.Fines);
            }

            // Every record is counted in exactly one month of the period, none lost.
            var everyMonth = new[] { "2026-08", "2026-09", "2026-10", "2026-11", "2026-12" }.Sum(m => Lines(m, records, closed).Sum(l => l.Records.Count));
            return ok && everyMonth == records.Length;
        });

    [Property]
    public Property A_published_tally_keeps_its_totals_whatever_happens_to_the_records() =>
        Prop.ForAll(AnyRecords.ToArbitrary(), AnyRecords.ToArbitrary(), (before, after) =>
        {
            var tally = MonthlyTally.Start("2026-09");
            tally.Submit("manager1", At, Lines("2026-09", before), 120m, AfterOctober);
            tally.Check("admin1", At);
            tally.Publish("manager2", At);
            var totals = (tally.TotalBonuses, tally.TotalFines, tally.TotalNetCash, tally.Lines.Sum(l => l.Records.Count));

            // New data: the live lines would differ, the snapshot does not.
            _ = Lines("2026-09", after);
            return totals == (tally.TotalBonuses, tally.TotalFines, tally.TotalNetCash, tally.Lines.Sum(l => l.Records.Count))
                && tally.TotalNetCash == tally.TotalBonuses - tally.TotalFines;
        });

    [Theory]
    [InlineData(null, "tally.reason_required")]
    [InlineData("   ", "tally.reason_required")]
    [InlineData("x", null)]
    public void A_month_is_sent_back_only_with_a_reason_of_bounded_length(string? reason, string? refusal)
    {
        var tally = Submitted();
        if (refusal is null)
        {
            tally.SendBack("admin1", reason);
            Assert.Equal(TallyStatus.Draft, tally.Status);
            return;
        }

        Assert.Equal(refusal, Assert.Throws<DomainException>(() => tally.SendBack("admin1", reason)).Code);
        Assert.Equal(TallyStatus.Submitted, tally.Status);
    }

    [Fact]
    public void A_reason_longer_than_allowed_is_refused_before_the_month_changes()
    {
        var tally = Submitted();
        Assert.Equal("tally.reason_too_long", Assert.Throws<DomainException>(() => tally.SendBack("admin1", new string('理', MonthlyTally.ReasonMaxLength + 1))).Code);
        Assert.Equal(TallyStatus.Submitted, tally.Status);
        tally.SendBack("admin1", new string('理', MonthlyTally.ReasonMaxLength));
        Assert.Equal(TallyStatus.Draft, tally.Status);
    }
}
