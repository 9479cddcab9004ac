using AfterSales.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.WorkOrders;

public sealed class TechnicianJobPageTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task On_a_phone_the_job_page_shows_the_current_step_folds_the_earlier_ones_and_keeps_saved_values_after_a_reload()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13900000077", customerName: "钱先生", steps: w => w.Accept(DateTimeOffset.UtcNow));
        var page = await Infrastructure.Browser.NewPageAsync(App, new ViewportSize { Width = 390, Height = 844 });
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "tech1");
            await page.GotoAsync($"/WorkOrders/{order.WorkOrderId}");

            // The step the job is at is open; accepting is done and folded.
            Assert.Equal("Arrive", await page.GetAttributeAsync("[data-testid=wo-steps]", "data-current"));
            Assert.Equal("Done", await page.GetAttributeAsync("details[data-step=Accept]", "data-state"));
            Assert.Null(await page.GetAttributeAsync("details[data-step=Accept]", "open"));
            Assert.NotNull(await page.GetAttributeAsync("details[data-step=Arrive]", "open"));
            Assert.False(await page.IsVisibleAsync("[data-testid=wo-accepted-at]"));
            Assert.True(await page.IsVisibleAsync("#arrive-submit"));

            // The address opens a map search that works on Chinese phones (Amap), the phone number calls.
            var map = page.Locator("[data-testid=wo-map]");
            var href = await map.GetAttributeAsync("href");
            Assert.StartsWith("https://uri.amap.com/search?keyword=", href, StringComparison.Ordinal);
            Assert.Contains(Uri.EscapeDataString("广州市天河区体育西路 1 号"), href, StringComparison.Ordinal);
            Assert.Contains("高德地图", await map.TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal("tel:13900000077", await page.GetAttributeAsync("[data-testid=wo-phone]", "href"));

            // Thumb-sized: the call and main buttons are (nearly) full width and at least 44px tall.
            foreach (var selector in new[] { "[data-testid=wo-phone]", "[data-testid=wo-map]", "#arrive-submit" })
            {
                var box = (await page.Locator(selector).BoundingBoxAsync())!;
                Assert.True(box.Height >= 44, $"{selector} is {box.Height}px tall");
                Assert.True(box.Width >= 300, $"{selector} is {box.Width}px wide");
            }

            await Infrastructure.Browser.ScreenshotAsync(page, "job-page-phone-arrive");
            await page.FillAsync("#Arrival_Note", "门禁密码 1234，机器完好");
            await page.ClickAsync("#arrive-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-steps][data-current=Diagnose]");
            Assert.Null(await page.GetAttributeAsync("details[data-step=Arrive]", "open"));
            Assert.Contains("门禁密码 1234", await page.TextContentAsync("[data-testid=wo-arrival]"), StringComparison.Ordinal);

            await page.FillAsync("#Diagnosis_Fault", "压缩机启动电容鼓包");
            await page.ClickAsync("#diagnose-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-steps][data-current=Parts]");

            await page.FillAsync("#Part_PartNumber", "CBB65-35UF");
            await page.FillAsync("#Part_Name", "压缩机电容");
            await page.FillAsync("#Part_UnitPrice", "48");
            await page.ClickAsync("#part-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-steps][data-current=Repair]");

            await page.FillAsync("#Labour_Hours", "1.5");
            await page.FillAsync("#Labour_TravelNote", "地铁 + 步行");
            await page.ClickAsync("#labour-submit");
            await page.WaitForSelectorAsync("[data-testid=wo-steps][data-current=Confirm]");
            Assert.True(await page.IsVisibleAsync("#complete-submit"));

            // After a reload the saved values are in their forms; the repair step is folded until opened.
            await page.ReloadAsync();
            Assert.Equal("Confirm", await page.GetAttributeAsync("[data-testid=wo-steps]", "data-current"));
            Assert.Equal(1.5m, decimal.Parse(await page.InputValueAsync("#Labour_Hours"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("地铁 + 步行", await page.InputValueAsync("#Labour_TravelNote"));
            Assert.Equal("压缩机启动电容鼓包", await page.InputValueAsync("#Diagnosis_Fault"));
            Assert.False(await page.IsVisibleAsync("#Labour_Hours"));
            await page.ClickAsync("details[data-step=Repair] > summary");
            Assert.True(await page.IsVisibleAsync("#Labour_Hours"));
            await page.ClickAsync("details[data-step=Parts] > summary");
            Assert.Contains("压缩机电容", await page.TextContentAsync("[data-testid=wo-part]"), StringComparison.Ordinal);
            await Infrastructure.Browser.ScreenshotAsync(page, "job-page-phone-confirm");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_desk_sees_the_same_steps_read_only()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13900000078", steps: FieldWorkData.ToDiagnosed);
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}");

        Assert.Equal("Parts", page.QuerySelector("[data-testid=wo-steps]")!.GetAttribute("data-current"));
        Assert.True(page.QuerySelector("details[data-step=Parts]")!.HasAttribute("open"));
        Assert.False(page.QuerySelector("details[data-step=Diagnose]")!.HasAttribute("open"));
        Assert.Contains("压缩机电容损坏", page.QuerySelector("[data-testid=wo-diagnosis]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#part-form"));
        Assert.Null(page.QuerySelector("#labour-form"));
        Assert.Null(page.QuerySelector("#complete-form"));
        Assert.NotNull(page.QuerySelector("[data-testid=wo-map]"));
        Assert.Equal("tel:13900000078", page.QuerySelector("[data-testid=wo-phone]")!.GetAttribute("href"));
    }
}
