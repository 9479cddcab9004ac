using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Dispatch;

public sealed class DispatchJourneyTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_dispatcher_sends_the_suggested_technician_from_the_board_in_the_browser()
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db, Urgency.Emergency);
        var ac = await DispatchData.AcTechniciansAsync(db);
        db.Availability.Add(DispatchData.Absent(ac[0].Id, AvailabilityKind.Leave));
        await db.SaveChangesAsync();

        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "dispatch1");
            await page.GotoAsync("/Dispatch");
            await Infrastructure.Browser.ScreenshotAsync(page, "dispatch-board");
            await page.ClickAsync($"[data-testid=waiting-row][data-ticket-id='{ticket.Id}'] [data-testid=assign-link]");
            await page.WaitForSelectorAsync("[data-testid=suggested]");
            Assert.Equal(ac[1].Id, await page.GetAttributeAsync("[data-testid=suggested]", "data-technician-id"));
            Assert.Contains("请假中", await page.TextContentAsync("[data-testid=skips]"), StringComparison.Ordinal);
            await Infrastructure.Browser.ScreenshotAsync(page, "dispatch-assign");
            await page.SelectOptionAsync("#Input_Slot", "Afternoon");
            await page.ClickAsync("#assign-submit");
            await Infrastructure.Browser.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/Dispatch#wo-"));
            Assert.Null(await page.QuerySelectorAsync($"[data-testid=waiting-row][data-ticket-id='{ticket.Id}']"));
            await Infrastructure.Browser.ScreenshotAsync(page, "dispatch-board-after");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var workOrder = await db.WorkOrders.AsNoTracking().SingleAsync();
        Assert.Equal(ac[1].Id, workOrder.TechnicianId);
    }
}
