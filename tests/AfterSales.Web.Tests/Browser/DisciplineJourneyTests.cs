using AfterSales.Domain.Calendar;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.Tallies;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Browser;

/// <summary>
/// Overdue repair → automatic proposal for the service advisor who logged the ticket (Part 3 applies to service advisors)
/// → approved → last month's tally → submitted, checked, published → the advisor appeals → the manager decides.
/// </summary>
public sealed class DisciplineJourneyTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task An_overdue_repair_becomes_a_published_penalty_that_the_service_advisor_appeals()
    {
        var lastMonth = new DateOnly(TestData.Today.Year, TestData.Today.Month, 1).AddMonths(-1);
        var month = lastMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        long workOrderId;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "秦先生", "13500000077", "KF2507-7777", TestData.Today.AddMonths(-4));
            var ticket = await TestData.TicketAsync(db, customer, unit, at: DateTimeOffset.UtcNow.AddDays(-50));
            var tracked = await db.Tickets.SingleAsync(t => t.Id == ticket.Id);
            var tech = await db.Users.Where(u => u.UserName == "tech1").Select(u => u.Id).SingleAsync();
            tracked.Assign(tech, DateTimeOffset.UtcNow.AddDays(-45));
            var order = WorkOrder.Create(ticket.Id, tech, lastMonth.AddDays(2), TimeSlot.Morning, DateTimeOffset.UtcNow.AddDays(-45), "dispatch1");
            order.Accept(DateTimeOffset.UtcNow.AddDays(-45));
            order.Arrive(DateTimeOffset.UtcNow.AddDays(-44), true, null);
            order.Diagnose("压缩机损坏，需订配件", false, DateTimeOffset.UtcNow.AddDays(-44));
            order.StartPartsClock(lastMonth.AddDays(2), await new Web.Infrastructure.WorkCalendar(db).GetAsync());
            db.WorkOrders.Add(order);
            await db.SaveChangesAsync();
            workOrderId = order.Id;
        }

        async Task As(string user, Func<IPage, Task> act)
        {
            var page = await Infrastructure.Browser.NewPageAsync(App);
            try
            {
                await Infrastructure.Browser.LoginAsync(page, user);
                await act(page);
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }

        // The scan proposes; a manager approves.
        long recordId = 0;
        await As("manager1", async page =>
        {
            await page.GotoAsync("/Discipline/Records");
            await page.ClickAsync("#scan-events");
            await page.WaitForSelectorAsync("[data-testid=record-row]");
            await using var db = App.NewDbContext();
            var record = await db.DisciplineRecords.AsNoTracking().SingleAsync(r => r.SourceKey == "repair-overdue:" + workOrderId);
            Assert.Equal(RecordStatus.Proposed, record.Status);
            Assert.Equal(DisciplineRecord.SystemProposer, record.ProposedBy);
            recordId = record.Id;
            await page.ClickAsync($"[data-testid=approve-{recordId}]");
            await page.WaitForSelectorAsync($"[data-testid=record-row][data-id='{recordId}'][data-status=Approved]");
        });

        // Last month's tally shows the fine; it goes through the review flow to the notice board.
        await As("manager1", async page =>
        {
            await page.GotoAsync($"/Tallies/{month}");
            var fines = await page.TextContentAsync("[data-testid=tally-line][data-employee=desk1] [data-testid=fines]");
            Assert.Contains("20.00", fines, StringComparison.Ordinal);
            await page.ClickAsync("#submit-tally");
            await page.WaitForSelectorAsync("#tally-status[data-status=Submitted]");
        });
        await As("admin1", async page =>
        {
            await page.GotoAsync($"/Tallies/{month}");
            await page.ClickAsync("#check-tally");
            await page.WaitForSelectorAsync("#tally-status[data-status=Checked]");
        });
        await As("manager2", async page =>
        {
            await page.GotoAsync($"/Tallies/{month}");
            await page.ClickAsync("#publish-tally");
            await page.WaitForSelectorAsync("#tally-status[data-status=Published]");
        });

        // The service advisor sees the published month and appeals the record.
        await As("desk1", async page =>
        {
            await page.GotoAsync($"/Tallies/{month}");
            await page.WaitForSelectorAsync("[data-testid=tally-line][data-employee=desk1]");
            await page.GotoAsync("/Discipline/Me");
            await page.FillAsync($"#my-records [data-testid=appeal-form]:has([data-testid=appeal-{recordId}]) input[name=reason], [data-testid=appeal-form]:has([data-testid=appeal-{recordId}]) input[name=reason]", "配件厂家延迟发货，已电话告知客户");
            await page.ClickAsync($"[data-testid=appeal-{recordId}]");
            await page.WaitForSelectorAsync($"[data-testid=appeal-{recordId}]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        });

        // The manager decides the appeal.
        await As("manager2", async page =>
        {
            await page.GotoAsync("/Discipline/Records");
            await page.FillAsync($"[data-testid=appeal-form]:has([data-testid=overturn-{recordId}]) input[name=note]", "核实厂家延迟属实，撤销");
            await page.ClickAsync($"[data-testid=overturn-{recordId}]");
            await page.WaitForSelectorAsync($"[data-testid=record-row][data-id='{recordId}'][data-status=Overturned]");
        });

        await using var check = App.NewDbContext();
        Assert.Equal(RecordStatus.Overturned, (await check.DisciplineRecords.AsNoTracking().SingleAsync(r => r.Id == recordId)).Status);
        Assert.Equal(TallyStatus.Published, (await check.MonthlyTallies.AsNoTracking().SingleAsync(t => t.Month == month)).Status);
    }
}
