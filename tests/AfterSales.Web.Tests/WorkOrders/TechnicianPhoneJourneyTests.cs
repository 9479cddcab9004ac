using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.WorkOrders;

public sealed class TechnicianPhoneJourneyTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task On_a_phone_the_technician_records_the_repair_the_customer_signs_with_a_finger_and_the_work_order_prints()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13900000001", customerName: "赵阿姨");
        var page = await Infrastructure.Browser.NewPageAsync(App, new ViewportSize { Width = 390, Height = 844 });
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "tech1");
            await page.GotoAsync("/WorkOrders");
            await page.ClickAsync($"[data-testid=wo-row][data-id='{order.WorkOrderId}'] [data-testid=wo-link]");
            await Infrastructure.Browser.ScreenshotAsync(page, "workorder-phone-assigned");

            await page.ClickAsync("#accept-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-status][data-status=Accepted]");

            await page.FillAsync("#Arrival_Note", "机器完好");
            await page.ClickAsync("#arrive-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-status][data-status=OnSite]");

            await page.FillAsync("#Diagnosis_Fault", "室外风机电容失效");
            await page.CheckAsync("#Diagnosis_PartsNeeded");
            await page.ClickAsync("#diagnose-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-status][data-status=Diagnosed]");

            await page.FillAsync("#Part_PartNumber", "CBB61-4UF");
            await page.FillAsync("#Part_Name", "风机电容");
            await page.FillAsync("#Part_Quantity", "1");
            await page.FillAsync("#Part_UnitPrice", "35");
            await page.CheckAsync("#Part_HandedToCustomer");
            await page.ClickAsync("#part-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-part]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await page.WaitForSelectorAsync("[data-testid=clock]");

            await page.FillAsync("#Labour_Hours", "1.5");
            await page.FillAsync("#Labour_TravelCost", "12");
            await page.ClickAsync("#labour-submit");
            await page.WaitForSelectorAsync("[data-testid=charge-labour]:has-text('¥120.00')");

            // An anti-theft device sold on site: a separate sale with its own total.
            await page.FillAsync("#Extra_Description", "加装防盗器");
            await page.FillAsync("#Extra_Charge", "120");
            await page.FillAsync("#Extra_MaterialCost", "45");
            await page.ClickAsync("#extra-submit");
            await page.WaitForSelectorAsync("[data-testid=extra-total]:has-text('¥120.00')");
            Assert.Equal("¥0.00", (await page.TextContentAsync("[data-testid=charge-customer]"))!.Trim());

            // The customer signs on the canvas.
            var pad = page.Locator("#signature-pad");
            await pad.ScrollIntoViewIfNeededAsync();
            var box = (await pad.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + 20, box.Y + box.Height * 0.7f);
            await page.Mouse.DownAsync();
            for (var i = 1; i <= 12; i++)
            {
                await page.Mouse.MoveAsync(box.X + 20 + i * (box.Width - 40) / 12, box.Y + box.Height * (i % 2 == 0 ? 0.3f : 0.7f), new MouseMoveOptions { Steps = 3 });
            }

            await page.Mouse.UpAsync();
            Assert.StartsWith("data:image/png;base64,", await page.InputValueAsync("#Completion_Signature"), StringComparison.Ordinal);
            await page.FillAsync("#Completion_Opinion", "修得很快，满意");
            await Infrastructure.Browser.ScreenshotAsync(page, "workorder-phone-signed");
            await page.ClickAsync("#complete-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-status][data-status=Completed]");
            await page.WaitForSelectorAsync("[data-testid=wo-signature]");

            await page.ClickAsync("#print-link");
            await page.WaitForSelectorAsync("[data-testid=print-signature]");
            await page.WaitForSelectorAsync("[data-testid=print-extra-total]:has-text('¥120.00')");
            await page.SetViewportSizeAsync(794, 1123);
            await Infrastructure.Browser.ScreenshotAsync(page, "workorder-print");
            var naturalWidth = await page.EvalOnSelectorAsync<int>("[data-testid=print-signature]", "img => img.naturalWidth");
            Assert.True(naturalWidth > 0);

            await using var db = App.NewDbContext();
            var workOrder = await db.WorkOrders.AsNoTracking().SingleAsync();
            Assert.Equal(WorkOrderStatus.Completed, workOrder.Status);
            Assert.Equal("赵阿姨", workOrder.CustomerName);
            Assert.Equal(TicketStatus.Completed, (await db.Tickets.AsNoTracking().SingleAsync()).Status);
            Assert.Single(await db.FollowUps.AsNoTracking().ToListAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
