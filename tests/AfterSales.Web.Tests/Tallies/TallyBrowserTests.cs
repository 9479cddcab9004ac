using AfterSales.Web.Tests.Infrastructure;
using static AfterSales.Web.Tests.Discipline.ProposalData;
using static AfterSales.Web.Tests.Tallies.TallyTestData;

namespace AfterSales.Web.Tests.Tallies;

public sealed class TallyBrowserTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_manager_sorts_the_month_opens_a_lines_evidence_and_sees_the_charts()
    {
        await RecordAsync(App, "tech1", "P3-2.1", InLastMonth);
        await RecordAsync(App, "tech2", "P3-1.3", InLastMonth);
        var job = await CompletedWorkOrderAsync(App, await UserIdAsync(App, "tech1"), "KF2001-0301", "13800000301", TestData.Today.DayNumber - InLastMonth.DayNumber, handedInDaysAgo: 0);
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "manager1");
            await page.GotoAsync(Url(LastMonth));
            await page.WaitForSelectorAsync("#tally-table");

            // Net cash column, descending after two clicks: tech2 (+100) first, tech1 (-30) last.
            var netCash = page.Locator("#tally-table th[data-sort]").Nth(9);
            await netCash.ClickAsync();
            await netCash.ClickAsync();
            Assert.Equal("tech2", await page.Locator("[data-testid=tally-line]").First.GetAttributeAsync("data-employee"));
            Assert.Equal("tech1", await page.Locator("[data-testid=tally-line]").Last.GetAttributeAsync("data-employee"));

            Assert.False(await page.IsVisibleAsync("#evidence-tech1"));
            await page.ClickAsync("[data-testid=show-evidence][data-target=evidence-tech1]");
            Assert.True(await page.IsVisibleAsync("#evidence-tech1 [data-testid=evidence-record]"));
            // The work orders behind the count arrive when the evidence opens.
            await page.WaitForSelectorAsync($"#evidence-tech1 [data-testid=evidence-work-order][data-id='{job.Id}']");

            foreach (var id in new[] { "chart-trend", "chart-departments", "chart-reasons" })
            {
                Assert.True(await page.EvaluateAsync<bool>($"() => !!Chart.getChart(document.getElementById('{id}'))"));
            }

            var tech1 = await UserIdAsync(App, "tech1");
            await page.SelectOptionAsync("#trend-person", tech1);
            await page.WaitForSelectorAsync($"#chart-trend[data-employee='{tech1}']");
            Assert.Equal(LastMonth, await page.EvaluateAsync<string>("() => Chart.getChart(document.getElementById('chart-trend')).data.labels[11]"));
            Assert.Equal(12, await page.EvaluateAsync<int>("() => Chart.getChart(document.getElementById('chart-trend')).data.datasets[0].data.length"));
            var path = await Infrastructure.Browser.ScreenshotAsync(page, "tallies-month");
            Assert.True(new FileInfo(path).Length > 5_000);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
