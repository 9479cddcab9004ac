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

public sealed class DispatchDateTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_suggestion_follows_the_appointment_date_the_dispatcher_picks()
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        var ac = await DispatchData.AcTechniciansAsync(db);
        // The first in turn takes leave in two weeks' time.
        db.Availability.Add(new AvailabilityEntry(ac[0].Id, TestData.Today.AddDays(14), TestData.Today.AddDays(21), AvailabilityKind.Leave, "年假"));
        await db.SaveChangesAsync();
        var onLeave = TestData.Today.AddDays(16).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var soon = await dispatcher.GetDocumentAsync($"/Dispatch/Assign/{ticket.Id}");
        Assert.Equal(ac[0].Id, soon.QuerySelector("[data-testid=suggested]")!.GetAttribute("data-technician-id"));
        var later = await dispatcher.GetDocumentAsync($"/Dispatch/Assign/{ticket.Id}?date={onLeave}&slot=Afternoon");
        Assert.Equal(ac[1].Id, later.QuerySelector("[data-testid=suggested]")!.GetAttribute("data-technician-id"));
        Assert.Contains(later.QuerySelectorAll("[data-testid=skips] li"), li => li.GetAttribute("data-code") == "rotation.on_leave");
        Assert.Equal(onLeave, later.QuerySelector("#Input_AppointmentDate")!.GetAttribute("value"));
        Assert.Equal("Afternoon", later.QuerySelector("#Input_Slot option[selected]")!.GetAttribute("value"));

        // In the browser: changing the date asks for that day's suggestion, keeping the slot.
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "dispatch1");
            await page.GotoAsync($"/Dispatch/Assign/{ticket.Id}");
            Assert.Equal(ac[0].Id, await page.GetAttributeAsync("[data-testid=suggested]", "data-technician-id"));
            await page.SelectOptionAsync("#Input_Slot", "Evening");
            await page.FillAsync("#Input_AppointmentDate", onLeave);
            await page.WaitForSelectorAsync($"[data-testid=suggested][data-technician-id='{ac[1].Id}']");
            Assert.Equal("Evening", await page.InputValueAsync("#Input_Slot"));
            Assert.Equal(onLeave, await page.InputValueAsync("#Input_AppointmentDate"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
