using System.Net;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.FollowUps;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Discipline;
using AfterSales.Web.Tests.FollowUps;
using AfterSales.Web.Tests.Infrastructure;
using AfterSales.Web.Tests.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Discipline;

public sealed class ProposalScannerTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_scan_proposes_one_record_per_overdue_repair_poor_follow_up_and_late_hand_in_even_when_run_twice()
    {
        var tech1 = await ProposalData.UserIdAsync(App, "tech1");
        var tech2 = await ProposalData.UserIdAsync(App, "tech2");
        var desk1 = await ProposalData.UserIdAsync(App, "desk1");
        var overdue = await ProposalData.OverdueWorkOrderAsync(App, tech1, "KF2001-0201", "13800000201");
        var onTime = await ProposalData.OverdueWorkOrderAsync(App, tech1, "KF2001-0202", "13800000202", acceptedDaysAgo: 1);
        var late = await ProposalData.CompletedWorkOrderAsync(App, tech2, "KF2001-0203", "13800000203", completedDaysAgo: 10, handedInDaysAgo: null);
        var handedIn = await ProposalData.CompletedWorkOrderAsync(App, tech2, "KF2001-0204", "13800000204", completedDaysAgo: 10, handedInDaysAgo: 10);
        var (_, _, poor) = await FollowUpData.CompletedRepairAsync(App, tech2, "KF2001-0205", "13800000205", calls: f =>
            f.RecordReached(DateTimeOffset.UtcNow, TestData.Today, "desk1", Satisfaction.Good, Satisfaction.Good, Satisfaction.Poor, Satisfaction.Good, "等了很久"));
        await FollowUpData.CompletedRepairAsync(App, tech2, "KF2001-0206", "13800000206", calls: f =>
            f.RecordReached(DateTimeOffset.UtcNow, TestData.Today, "desk1", Satisfaction.Good, Satisfaction.Excellent, Satisfaction.Average, Satisfaction.Good, null));

        // The manager's button runs the scan; a second run proposes nothing new.
        using var manager = await Client().SignedInAsync("manager1");
        using (var first = await manager.PostFormAsync("/Discipline/Records", [], "/Discipline/Records?handler=Scan"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using (var second = await manager.PostFormAsync("/Discipline/Records", [], "/Discipline/Records?handler=Scan"))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var scanner = ActivatorUtilities.CreateInstance<ProposalScanner>(scope.ServiceProvider);
            Assert.Equal(0, await scanner.ScanAsync(TestData.Today));
        }

        await using var db = App.NewDbContext();
        var records = await db.DisciplineRecords.AsNoTracking().ToListAsync();
        Assert.All(records, r => Assert.Equal(RecordStatus.Proposed, r.Status));
        Assert.All(records, r => Assert.Equal(DisciplineRecord.SystemProposer, r.ProposedBy));

        var overdueRecord = Assert.Single(records, r => r.SourceKey == $"repair-overdue:{overdue.Id}");
        Assert.Equal(desk1, overdueRecord.EmployeeId); // Part 3: the service advisor who logged the ticket, not the technician

        Assert.Equal("P3-2.6", overdueRecord.Article);
        Assert.Contains("维修超期", Localizers.In("zh-CN", l => l.Show(overdueRecord.Evidence)), StringComparison.Ordinal);
        Assert.Contains(overdueRecord.Links, l => l.Kind == "WorkOrder" && l.Id == overdue.Id);
        Assert.Contains(overdueRecord.Links, l => l.Kind == "Ticket" && l.Id == overdue.TicketId);
        Assert.DoesNotContain(records, r => r.SourceKey == $"repair-overdue:{onTime.Id}");

        var lateRecord = Assert.Single(records, r => r.SourceKey == $"not-handed-in:{late.Id}");
        Assert.Equal(("P5-28", tech2), (lateRecord.Article, lateRecord.EmployeeId));
        Assert.DoesNotContain(records, r => r.SourceKey == $"not-handed-in:{handedIn.Id}");

        var poorRecord = Assert.Single(records, r => r.SourceKey!.StartsWith("poor-followup:", StringComparison.Ordinal));
        Assert.Equal(($"poor-followup:{poor.Id}", "P3-2.7", desk1), (poorRecord.SourceKey, poorRecord.Article, poorRecord.EmployeeId));

        Assert.Equal(3, records.Count);

        // The proposals wait for a person on the records page.
        var page = await manager.GetDocumentAsync("/Discipline/Records?Status=Proposed");
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=record-row]").Length);
        Assert.NotNull(page.QuerySelector($"[data-testid=approve-{overdueRecord.Id}]"));
    }

    [Fact]
    public async Task Hour_quotas_are_proposed_only_for_ended_periods_against_the_configured_quota()
    {
        var tech3 = await ProposalData.UserIdAsync(App, "tech3");

        // 2 hours completed ten days ago: the current half-year or year has not ended, nothing is proposed for it.
        await ProposalData.CompletedWorkOrderAsync(App, tech3, "KF2001-0301", "13800000301", completedDaysAgo: 10, handedInDaysAgo: 10);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var scanner = ActivatorUtilities.CreateInstance<ProposalScanner>(scope.ServiceProvider);
        Assert.Equal(120m, scanner.MonthlyHourQuota);

        // Scanning as if it were the next year's 2 January: the year just ended, 2 hours are far below 80 % of 1,440.
        var nextYear = new DateOnly(TestData.Today.AddDays(-10).Year + 1, 1, 2);
        await scanner.ScanAsync(nextYear);
        await scanner.ScanAsync(nextYear);

        await using var db = App.NewDbContext();
        var records = await db.DisciplineRecords.AsNoTracking().Where(r => EF.Functions.Like(r.SourceKey!, "hours-%")).ToListAsync();
        var year = Assert.Single(records, r => r.SourceKey!.StartsWith("hours-year:", StringComparison.Ordinal));
        Assert.Equal(("P5-36b", tech3, RecordStatus.Proposed), (year.Article, year.EmployeeId, year.Status));
        Assert.Contains("全年工时", Localizers.In("zh-CN", l => l.Show(year.Evidence)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_hours_missed_three_months_running_are_proposed_once_per_run_for_transfer_or_dismissal()
    {
        var tech5 = await ProposalData.UserIdAsync(App, "tech5");
        var tech6 = await ProposalData.UserIdAsync(App, "tech6");
        var thisMonth = new DateOnly(TestData.Today.Year, TestData.Today.Month, 1);

        // tech6 worked only in the last of the three months (a new start, or back from leave): no proposal.
        var recent = thisMonth.AddMonths(-1).AddDays(4);
        await ProposalData.CompletedWorkOrderAsync(App, tech6, "KF2001-0601", "13800000601", TestData.Today.DayNumber - recent.DayNumber, handedInDaysAgo: TestData.Today.DayNumber - recent.DayNumber);

        // 2 hours in each of the three months before this one, far below the basic 120.
        for (var i = 1; i <= 3; i++)
        {
            var day = thisMonth.AddMonths(-i).AddDays(9);
            await ProposalData.CompletedWorkOrderAsync(App, tech5, $"KF2001-05{i:00}", $"138000005{i:00}", TestData.Today.DayNumber - day.DayNumber, handedInDaysAgo: TestData.Today.DayNumber - day.DayNumber);
        }

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var scanner = ActivatorUtilities.CreateInstance<ProposalScanner>(scope.ServiceProvider);
        await scanner.ScanAsync(TestData.Today);
        await scanner.ScanAsync(TestData.Today);

        // A month later the run goes on (two of its three months overlap): still one proposal.
        await scanner.ScanAsync(thisMonth.AddMonths(1).AddDays(2));

        await using var db = App.NewDbContext();
        var runs = await db.DisciplineRecords.AsNoTracking().Where(r => EF.Functions.Like(r.SourceKey!, "hours-3m:%")).ToListAsync();
        var run = Assert.Single(runs);
        Assert.Equal(("P5-34", tech5, RecordStatus.Proposed, DisciplineLevel.Removal), (run.Article, run.EmployeeId, run.Status, run.Level));
        Assert.Equal(thisMonth.AddDays(-1), run.FactDate);
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"hours-3m:{thisMonth.AddMonths(-1):yyyy-MM}:{tech5}"), run.SourceKey);
        Assert.Contains("连续三个月未完成基本工时", Localizers.In("zh-CN", l => l.Show(run.Evidence)), StringComparison.Ordinal);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{thisMonth.AddMonths(-3):yyyy-MM} 工时 2"), Localizers.In("zh-CN", l => l.Show(run.Evidence)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complaint_not_reported_up_is_proposed_for_its_handler_and_the_one_manager_heading_the_handlers_region()
    {
        // Part 14 art. 4: 「对相应的责任人及区域市场负责人做出必要的处罚」. desk2 and manager2 are put in one station for the test.
        const string Station = "测试服务站";
        var desk2 = await ProposalData.UserIdAsync(App, "desk2");
        var manager2 = await ProposalData.UserIdAsync(App, "manager2");
        string?[] before;
        await using (var db = App.NewDbContext())
        {
            var users = await db.Users.Where(u => u.Id == desk2 || u.Id == manager2).OrderBy(u => u.Id == manager2).ToListAsync();
            before = [.. users.Select(u => u.Department)];
            users.ForEach(u => u.Department = Station);
            await db.SaveChangesAsync();
        }

        try
        {
            var (late, _) = await QualityData.ComplaintAsync(App, "KF2301-0071", "13900000071", at: DateTimeOffset.UtcNow.AddHours(-30), handler: "desk2");
            await using (var scope = App.Factory.Services.CreateAsyncScope())
            {
                var scanner = ActivatorUtilities.CreateInstance<ProposalScanner>(scope.ServiceProvider);
                await scanner.ScanAsync(TestData.Today);
                await scanner.ScanAsync(TestData.Today);
            }

            await using var check = App.NewDbContext();
            var records = await check.DisciplineRecords.AsNoTracking().Where(r => EF.Functions.Like(r.SourceKey!, "complaint-not-reported%")).OrderBy(r => r.SourceKey).ToListAsync();
            Assert.Equal(
                [($"complaint-not-reported-head:{late.Id}", manager2, "P14-4"), ($"complaint-not-reported:{late.Id}", desk2, "P14-4")],
                records.Select(r => (r.SourceKey!, r.EmployeeId, r.Article)));
            Assert.Contains(Station, Localizers.In("zh-CN", l => l.Show(records[0].Evidence)), StringComparison.Ordinal);
            Assert.Contains("区域负责人", Localizers.In("zh-CN", l => l.Show(records[0].Evidence)), StringComparison.Ordinal);
        }
        finally
        {
            await using var db = App.NewDbContext();
            var users = await db.Users.Where(u => u.Id == desk2 || u.Id == manager2).OrderBy(u => u.Id == manager2).ToListAsync();
            users[0].Department = before[0];
            users[1].Department = before[1];
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task The_scan_never_proposes_a_record_the_rule_audience_check_would_refuse()
    {
        // Tickets logged by a technician or a manager (no service advisor handled them) and a work order of the desk:
        // every trigger fires, but Part 3 reaches service advisors only and Part 5 the service centre's staff.
        var tech1 = await ProposalData.UserIdAsync(App, "tech1");
        var desk3 = await ProposalData.UserIdAsync(App, "desk3");
        var byTechnician = await ProposalData.OverdueWorkOrderAsync(App, tech1, "KF2001-0701", "13800000701");
        var byManager = await ProposalData.OverdueWorkOrderAsync(App, tech1, "KF2001-0702", "13800000702");
        var byDesk = await ProposalData.OverdueWorkOrderAsync(App, tech1, "KF2001-0703", "13800000703");
        var deskWorkOrder = await ProposalData.CompletedWorkOrderAsync(App, desk3, "KF2001-0704", "13800000704", completedDaysAgo: 10, handedInDaysAgo: null);
        await using (var db = App.NewDbContext())
        {
            await db.Tickets.Where(t => t.Id == byTechnician.TicketId).ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedBy, "tech2"));
            await db.Tickets.Where(t => t.Id == byManager.TicketId).ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedBy, "manager1"));
        }

        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var scanner = ActivatorUtilities.CreateInstance<ProposalScanner>(scope.ServiceProvider);
            await scanner.ScanAsync(TestData.Today);
        }

        await using var check = App.NewDbContext();
        var records = await check.DisciplineRecords.AsNoTracking().ToListAsync();
        Assert.Equal([$"repair-overdue:{byDesk.Id}"], records.Where(r => r.SourceKey!.StartsWith("repair-overdue:", StringComparison.Ordinal)).Select(r => r.SourceKey));
        Assert.DoesNotContain(records, r => r.SourceKey == $"not-handed-in:{deskWorkOrder.Id}");

        // And every record the scan did propose is one the audience check admits for that person.
        var rules = await check.DisciplineRules.AsNoTracking().ToDictionaryAsync(r => r.Id);
        var roles = await (from ur in check.UserRoles join r in check.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.True(
            RuleAudiences.AppliesTo(rules[r.RuleId], RuleAudiences.Of(roles.Where(x => x.UserId == r.EmployeeId).Select(x => x.Name!))),
            $"{r.Article} proposed for {r.EmployeeId}"));
    }
}
