using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Browser;

/// <summary>One repair across four roles: desk → dispatcher → technician on a phone → desk's follow-up call → complaint.</summary>
public sealed class FieldWorkJourneyTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task An_in_warranty_repair_goes_from_the_call_to_a_complaint_after_a_poor_follow_up()
    {
        // tech1 is first in the air-conditioner rotation but on leave today: the suggestion must skip them and say why.
        await using (var db = App.NewDbContext())
        {
            var tech1 = await db.Users.Where(u => u.UserName == "tech1").Select(u => u.Id).SingleAsync();
            db.Availability.Add(new AvailabilityEntry(tech1, TestData.Today.AddDays(-1), TestData.Today.AddDays(3), AvailabilityKind.Leave, "年假"));
            await db.SaveChangesAsync();
        }

        var desk = await Infrastructure.Browser.NewPageAsync(App);
        string number;
        try
        {
            await Infrastructure.Browser.LoginAsync(desk, "desk1");
            await desk.GotoAsync("/Tickets/New");
            await desk.FillAsync("#Input_Phone", "13766665555");
            await desk.WaitForSelectorAsync("[data-testid=caller-none]");
            await desk.FillAsync("#Input_CustomerName", "郑先生");
            await desk.FillAsync("#Input_Address", "南京市鼓楼区中山路 1 号");
            await desk.SelectOptionAsync("#Input_ProductModelId", new SelectOptionValue { Label = "KFR-35GW · 挂壁式空调 KFR-35GW 1.5匹 (保修 12 个月)" });
            await desk.FillAsync("#Input_SerialNumber", "KF2508-7788");
            await desk.FillAsync("#Input_PurchaseDate", TestData.Today.AddMonths(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await desk.CheckAsync("#Input_HasProof");
            await desk.WaitForSelectorAsync("[data-testid=warranty-status][data-status=InWarranty]");
            await desk.FillAsync("#Input_FaultDescription", "空调不制冷，室内机滴水");
            await desk.ClickAsync("#intake-save");
            await desk.WaitForSelectorAsync("[data-testid=tell-customer]");
            number = (await desk.TextContentAsync("[data-testid=ticket-number]"))!.Trim();
        }
        finally
        {
            await desk.Context.CloseAsync();
        }

        // The dispatcher accepts the rotation's suggestion.
        var dispatcher = await Infrastructure.Browser.NewPageAsync(App);
        string technicianId;
        try
        {
            await Infrastructure.Browser.LoginAsync(dispatcher, "dispatch1");
            await dispatcher.GotoAsync("/Dispatch");
            await dispatcher.ClickAsync($"[data-testid=waiting-row][data-number='{number}'] [data-testid=assign-link]");
            var suggested = await dispatcher.WaitForSelectorAsync("[data-testid=suggested]");
            technicianId = (await suggested!.GetAttributeAsync("data-technician-id"))!;
            var skips = await dispatcher.Locator("[data-testid=skips] li").AllTextContentsAsync();
            Assert.Contains(skips, s => s.Contains("休假", StringComparison.Ordinal) || s.Contains("请假", StringComparison.Ordinal));
            Assert.Contains(await dispatcher.Locator("[data-testid=skips] li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.code)"), c => c == "rotation.on_leave");
            await Infrastructure.Browser.ScreenshotAsync(dispatcher, "dispatch-suggestion");
            Directory.CreateDirectory(Infrastructure.Browser.ScreenshotFolder);
            await File.WriteAllLinesAsync(
                Path.Combine(Infrastructure.Browser.ScreenshotFolder, "dispatch-suggestion-log.txt"),
                [$"{number} — {(await suggested.TextContentAsync())!.Trim()}", .. skips.Select(s => "  skipped: " + s.Trim())]);
            await dispatcher.ClickAsync("#assign-submit");
            await Infrastructure.Browser.WaitForUrlAsync(dispatcher, new System.Text.RegularExpressions.Regex("/Dispatch(?!.*/Assign)"));
        }
        finally
        {
            await dispatcher.Context.CloseAsync();
        }

        string technicianName;
        long workOrderId;
        await using (var db = App.NewDbContext())
        {
            technicianName = await db.Users.Where(u => u.Id == technicianId).Select(u => u.UserName!).SingleAsync();
            var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
            Assert.Equal(TicketStatus.Assigned, ticket.Status);
            workOrderId = await db.WorkOrders.Where(w => w.TicketId == ticket.Id).Select(w => w.Id).SingleAsync();
        }

        Assert.NotEqual("tech1", technicianName);

        // The technician, on a phone, records the repair and the customer signs on the screen.
        var phone = await Infrastructure.Browser.NewPageAsync(App, new ViewportSize { Width = 390, Height = 844 });
        try
        {
            await Infrastructure.Browser.LoginAsync(phone, technicianName);
            await phone.GotoAsync("/WorkOrders");
            await phone.ClickAsync($"[data-testid=wo-row][data-id='{workOrderId}'] [data-testid=wo-link]");
            await phone.ClickAsync("#accept-submit");
            await phone.WaitForSelectorAsync("[data-testid=wo-status][data-status=Accepted]");
            await phone.ClickAsync("#arrive-submit");
            await phone.WaitForSelectorAsync("[data-testid=wo-status][data-status=OnSite]");
            await phone.FillAsync("#Diagnosis_Fault", "排水管堵塞，冷媒不足");
            await phone.ClickAsync("#diagnose-submit");
            await phone.WaitForSelectorAsync("[data-testid=wo-status][data-status=Diagnosed]");
            await phone.FillAsync("#Part_PartNumber", "R32-1KG");
            await phone.FillAsync("#Part_Name", "冷媒 R32");
            await phone.FillAsync("#Part_Quantity", "1");
            await phone.FillAsync("#Part_UnitPrice", "90");
            await phone.ClickAsync("#part-submit");
            await phone.WaitForSelectorAsync("[data-testid=wo-part]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await phone.FillAsync("#Labour_Hours", "2");
            await phone.FillAsync("#Labour_TravelCost", "20");
            await phone.ClickAsync("#labour-submit");
            await phone.WaitForSelectorAsync("[data-testid=charge-customer]");
            Assert.Equal("¥0.00", (await phone.TextContentAsync("[data-testid=charge-customer]"))!.Trim());

            var pad = phone.Locator("#signature-pad");
            await pad.ScrollIntoViewIfNeededAsync();
            var box = (await pad.BoundingBoxAsync())!;
            await phone.Mouse.MoveAsync(box.X + 15, box.Y + box.Height / 2);
            await phone.Mouse.DownAsync();
            for (var i = 1; i <= 10; i++)
            {
                await phone.Mouse.MoveAsync(box.X + 15 + i * (box.Width - 30) / 10, box.Y + box.Height * (i % 2 == 0 ? 0.25f : 0.75f), new MouseMoveOptions { Steps = 3 });
            }

            await phone.Mouse.UpAsync();
            await phone.FillAsync("#Completion_CustomerName", "郑先生");
            await phone.FillAsync("#Completion_Opinion", "还可以");
            await phone.ClickAsync("#complete-submit");
            await phone.WaitForSelectorAsync("[data-testid=wo-status][data-status=Completed]");
        }
        finally
        {
            await phone.Context.CloseAsync();
        }

        // The next working day's call: the customer is unhappy with the speed.
        var call = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(call, "desk1");
            await call.GotoAsync("/FollowUps?due=all");
            await call.ClickAsync($"[data-testid=followup-row][data-ticket='{number}'] [data-testid=call]");
            await call.ClickAsync("label[for=attitude-good]");
            await call.ClickAsync("label[for=competence-good]");
            await call.ClickAsync("label[for=speed-poor]");
            await call.ClickAsync("label[for=result-average]");
            await call.FillAsync("#comment", "等了三天才上门");
            await call.ClickAsync("#record-reached");
            await call.WaitForSelectorAsync("[data-testid=complaint-link]");
            await Infrastructure.Browser.ScreenshotAsync(call, "follow-up-complaint");
        }
        finally
        {
            await call.Context.CloseAsync();
        }

        await using (var db = App.NewDbContext())
        {
            var repair = await db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
            Assert.Equal(TicketStatus.Completed, repair.Status);
            var complaint = await db.Tickets.AsNoTracking().SingleAsync(t => t.RelatedTicketId == repair.Id);
            Assert.Equal(TicketKind.Complaint, complaint.Kind);
            var followUp = await db.FollowUps.AsNoTracking().SingleAsync(f => f.TicketId == repair.Id);
            Assert.Equal(complaint.Id, followUp.ComplaintTicketId);
        }
    }
}
