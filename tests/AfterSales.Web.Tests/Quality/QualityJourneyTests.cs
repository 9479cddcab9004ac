using System.Globalization;
using AfterSales.Domain.Quality;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Quality;

public sealed class QualityJourneyTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Three_complaints_in_a_week_are_proposed_as_a_batch_and_one_quality_report_from_them_is_closed_after_an_effective_corrective_action()
    {
        var (first, _) = await QualityData.ComplaintAsync(App, "KF2302-0001", "13900000101", at: DateTimeOffset.UtcNow.AddDays(-3));
        var (second, _) = await QualityData.ComplaintAsync(App, "KF2302-0002", "13900000102", at: DateTimeOffset.UtcNow.AddDays(-1));
        long modelId;
        await using (var db = App.NewDbContext())
        {
            modelId = (await TestData.ModelAsync(db)).Id;
        }

        // The third complaint comes in at the desk.
        var desk = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(desk, "desk1");
            await desk.GotoAsync("/Tickets/New");
            await desk.FillAsync("#Input_Phone", "13900000103");
            await desk.WaitForSelectorAsync("[data-testid=caller-none]");
            await desk.FillAsync("#Input_CustomerName", "韩女士");
            await desk.SelectOptionAsync("#Input_ProductModelId", modelId.ToString(CultureInfo.InvariantCulture));
            await desk.FillAsync("#Input_SerialNumber", "KF2302-0003");
            await desk.SelectOptionAsync("#Input_Kind", "Complaint");
            await desk.WaitForSelectorAsync("#Input_FaultCategory", new() { State = WaitForSelectorState.Visible });
            await desk.FillAsync("#Input_FaultCategory", "不制冷");
            await desk.FillAsync("#Input_FaultDescription", "新买的空调不制冷，已经是这周第三次来电");
            await desk.PressAsync("#Input_FaultCategory", "Enter");
            await Infrastructure.Browser.WaitForUrlAsync(desk, new System.Text.RegularExpressions.Regex("/Tickets/[^N]"));
        }
        finally
        {
            await desk.Context.CloseAsync();
        }

        long thirdId;
        await using (var db = App.NewDbContext())
        {
            thirdId = await db.Complaints.Where(c => c.Id != first.Id && c.Id != second.Id).Select(c => c.Id).SingleAsync();
        }

        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "quality1");
            await page.GotoAsync("/Quality/Complaints?unclassified=true");
            var third = page.Locator($"[data-testid=complaint-row][data-id='{thirdId}']");
            Assert.Equal("BatchProblem", await third.GetAttributeAsync("data-proposed"));
            Assert.Contains("批量", await third.Locator("[data-testid=evidence]").TextContentAsync(), StringComparison.Ordinal);
            await Infrastructure.Browser.ScreenshotAsync(page, "quality-ledger-batch");

            foreach (var id in new[] { first.Id, second.Id, thirdId })
            {
                await page.CheckAsync($"[data-testid=select-{id}]");
            }

            await page.ClickAsync("#raise-report");
            await page.WaitForSelectorAsync("#report-form");
            Assert.Equal("3", (await page.TextContentAsync("[data-testid=report-cases]"))!.Trim());
            await page.ClickAsync("#report-submit");

            await page.WaitForSelectorAsync("[data-testid=report-status][data-status=Open]");
            await page.FillAsync("#root-cause", "压缩机批次焊点虚焊");
            await page.FillAsync("#corrective-action", "更换供应商并全检该批次");
            await page.ClickAsync("#act-submit");
            await page.WaitForSelectorAsync("[data-testid=report-status][data-status=Acting]");
            await page.ClickAsync("#start-verification");
            await page.WaitForSelectorAsync("[data-testid=report-status][data-status=Verifying]");
            await page.FillAsync("#verification", "两周内无同类投诉");
            await page.ClickAsync("#verify-effective");
            await page.WaitForSelectorAsync("[data-testid=report-status][data-status=Closed]");
            await Infrastructure.Browser.ScreenshotAsync(page, "quality-report-closed");

            await page.GotoAsync("/Quality/Complaints");
            foreach (var id in new[] { first.Id, second.Id, thirdId })
            {
                Assert.Equal("Closed", await page.GetAttributeAsync($"[data-testid=complaint-row][data-id='{id}']", "data-report-status"));
            }

            await page.GotoAsync("/Quality/Summary?period=week");
            await page.WaitForFunctionAsync("() => window.qualityTrend !== undefined");
            await Infrastructure.Browser.ScreenshotAsync(page, "quality-summary");

            await using var db = App.NewDbContext();
            Assert.Equal(QualityReportStatus.Closed, (await db.QualityReports.AsNoTracking().SingleAsync()).Status);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
