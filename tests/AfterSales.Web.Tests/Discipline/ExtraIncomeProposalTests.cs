using System.Globalization;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Discipline;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Discipline;

/// <summary>Part 5 art. 30: extra service income handed in on time is proposed for a 20 % commission on its net income.</summary>
public sealed class ExtraIncomeProposalTests(AppFixture app) : AppTest(app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), China);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<WorkingCalendar> CalendarAsync()
    {
        await using var db = App.NewDbContext();
        return CalendarDay.ToCalendar(await db.CalendarDays.AsNoTracking().ToListAsync());
    }

    /// <summary>A working day about three weeks ago whose next working day is also past.</summary>
    private static DateOnly CompletionDay(WorkingCalendar calendar)
    {
        var day = TestData.Today.AddDays(-21);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    private async Task<int> ScanAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<ProposalScanner>(scope.ServiceProvider).ScanAsync(TestData.Today);
    }

    [Fact]
    public async Task Extra_income_handed_in_by_the_next_working_day_is_proposed_once_for_a_commission_on_its_net_income()
    {
        var calendar = await CalendarAsync();
        var tech1 = await ProposalData.UserIdAsync(App, "tech1");
        var tech2 = await ProposalData.UserIdAsync(App, "tech2");
        var completedOn = CompletionDay(calendar);
        var dueBy = calendar.NextWorkingDay(completedOn);

        // Handed in at the end of the due day: in time. Two services: one figure for the pair.
        var inTime = await ProposalData.SoldWorkOrderAsync(App, tech1, "KF2001-0801", "13800000801", At(completedOn, 15), At(dueBy, 18), ("加装防盗器", 120m, 45m));
        var pair = await ProposalData.SoldWorkOrderAsync(App, tech2, "KF2001-0802", "13800000802", At(completedOn, 10), At(completedOn, 17), ("加装防盗器", 120m, 45m), ("清洗保养", 80m, 0m));

        // Not proposed: handed in the day after the due day; not handed in; sold at cost; no extra service at all.
        var late = await ProposalData.SoldWorkOrderAsync(App, tech1, "KF2001-0803", "13800000803", At(completedOn, 15), At(dueBy.AddDays(1), 9), ("加装防盗器", 120m, 45m));
        var notHandedIn = await ProposalData.SoldWorkOrderAsync(App, tech1, "KF2001-0804", "13800000804", At(completedOn, 15), null, ("清洗保养", 80m, 0m));
        var atCost = await ProposalData.SoldWorkOrderAsync(App, tech1, "KF2001-0805", "13800000805", At(completedOn, 15), At(completedOn, 18), ("加装防盗器", 45m, 45m));
        var plain = await ProposalData.SoldWorkOrderAsync(App, tech1, "KF2001-0806", "13800000806", At(completedOn, 15), At(completedOn, 18));

        await ScanAsync();
        Assert.Equal(0, await ScanAsync());

        await using var db = App.NewDbContext();
        var records = await db.DisciplineRecords.AsNoTracking().Where(r => EF.Functions.Like(r.SourceKey!, "extra-income:%")).ToListAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(("P5-30", RecordStatus.Proposed, DisciplineRecord.SystemProposer, RuleKind.Reward), (r.Article, r.Status, r.ProposedBy, r.Kind)));

        var single = Assert.Single(records, r => r.SourceKey == $"extra-income:{inTime.Id}");
        Assert.Equal((tech1, 15.00m, dueBy), (single.EmployeeId, single.CashAmount, single.FactDate));
        Assert.Contains($"额外服务创收：工单 #{inTime.Id} 加装防盗器 收入 120.00 成本 45.00，纯收入 75.00 × 20% = 15.00", Localizers.In("zh-CN", l => l.Show(single.Evidence)), StringComparison.Ordinal);
        Assert.Contains($"{Day(completedOn)} 完工，{Day(dueBy)} 按时交回", Localizers.In("zh-CN", l => l.Show(single.Evidence)), StringComparison.Ordinal);
        Assert.Contains(single.Links, l => l.Kind == "WorkOrder" && l.Id == inTime.Id);
        Assert.Contains(single.Links, l => l.Kind == "Ticket" && l.Id == inTime.TicketId);

        var both = Assert.Single(records, r => r.SourceKey == $"extra-income:{pair.Id}");
        Assert.Equal((tech2, 31.00m, completedOn), (both.EmployeeId, both.CashAmount, both.FactDate));
        Assert.Contains("加装防盗器 收入 120.00 成本 45.00；清洗保养 收入 80.00 成本 0.00，纯收入 155.00 × 20% = 31.00", Localizers.In("zh-CN", l => l.Show(both.Evidence)), StringComparison.Ordinal);

        foreach (var none in new[] { late, notHandedIn, atCost, plain })
        {
            Assert.DoesNotContain(records, r => r.SourceKey == $"extra-income:{none.Id}");
        }

        // The late and the missing hand-ins are what the not-handed-in article is for.
        var penalties = await db.DisciplineRecords.AsNoTracking().Where(r => EF.Functions.Like(r.SourceKey!, "not-handed-in:%")).Select(r => r.SourceKey).ToListAsync();
        Assert.Equal([$"not-handed-in:{late.Id}", $"not-handed-in:{notHandedIn.Id}"], penalties.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_manager_approves_the_proposed_commission_with_its_cash_rounded_to_the_fen()
    {
        var calendar = await CalendarAsync();
        var tech3 = await ProposalData.UserIdAsync(App, "tech3");
        var completedOn = CompletionDay(calendar);
        var sold = await ProposalData.SoldWorkOrderAsync(App, tech3, "KF2001-0811", "13800000811", At(completedOn, 11), At(completedOn, 16), ("加装防雷插座", 33.33m, 0m));

        using var manager = await Client().SignedInAsync("manager1");
        using (var scan = await manager.PostFormAsync("/Discipline/Records", [], "/Discipline/Records?handler=Scan"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, scan.StatusCode);
        }

        DisciplineRecord record;
        await using (var db = App.NewDbContext())
        {
            record = await db.DisciplineRecords.AsNoTracking().SingleAsync(r => r.SourceKey == $"extra-income:{sold.Id}");
            Assert.Equal(6.67m, record.CashAmount); // 33.33 × 20 % = 6.666
        }

        var page = await manager.GetDocumentAsync("/Discipline/Records?Status=Proposed");
        Assert.NotNull(page.QuerySelector($"[data-testid=approve-{record.Id}]"));
        using (var approved = await manager.PostFormAsync("/Discipline/Records", [new("id", ProposalData.V(record.Id)), new("version", ProposalData.V(record.Version)), new("note", "已核对交款")], "/Discipline/Records?handler=Approve"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, approved.StatusCode);
        }

        var decided = await ProposalData.ReloadAsync(App, record.Id);
        Assert.Equal((RecordStatus.Approved, 6.67m, tech3), (decided.Status, decided.CashAmount, decided.EmployeeId));
    }

    [Fact]
    public async Task A_commission_a_manager_already_proposed_by_hand_for_the_work_order_is_not_proposed_again()
    {
        var calendar = await CalendarAsync();
        var tech4 = await ProposalData.UserIdAsync(App, "tech4");
        var completedOn = CompletionDay(calendar);
        var sold = await ProposalData.SoldWorkOrderAsync(App, tech4, "KF2001-0821", "13800000821", At(completedOn, 11), At(completedOn, 16), ("加装防盗器", 120m, 45m));
        var other = await ProposalData.SoldWorkOrderAsync(App, tech4, "KF2001-0822", "13800000822", At(completedOn, 11), At(completedOn, 16), ("清洗保养", 80m, 0m));

        await using (var db = App.NewDbContext())
        {
            var rule = await db.DisciplineRules.SingleAsync(r => r.Article == "P5-30");
            db.DisciplineRecords.Add(DisciplineRecord.Propose(
                tech4, rule, completedOn, "手工登记：加装防盗器创收", [new EvidenceLink("WorkOrder", sold.Id, "#" + ProposalData.V(sold.Id))],
                await ProposalData.UserIdAsync(App, "manager1"), DateTimeOffset.UtcNow, cashAmount: 15m));
            await db.SaveChangesAsync();
        }

        await ScanAsync();

        await using var check = App.NewDbContext();
        var commissions = await check.DisciplineRecords.AsNoTracking().Where(r => r.Article == "P5-30").ToListAsync();
        Assert.Equal(2, commissions.Count);
        Assert.Single(commissions, r => r.SourceKey == $"extra-income:{other.Id}");
        Assert.DoesNotContain(commissions, r => r.SourceKey == $"extra-income:{sold.Id}");
    }
}
