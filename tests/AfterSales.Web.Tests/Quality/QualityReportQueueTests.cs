using System.Globalization;
using AfterSales.Domain.Quality;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Quality;

/// <summary>The quality report list at volume: 400 reports, a fifth of them open, 50 a page with the true total.</summary>
public sealed class QualityReportQueueTests(AppFixture app) : AppTest(app)
{
    private const int Volume = 400;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (complaint, _) = await QualityData.ComplaintAsync(App, "KF2301-0911", "13900000911");
        await using var db = App.NewDbContext();
        var owner = await db.Users.Where(u => u.UserName == "quality1").Select(u => u.Id).SingleAsync();
        var report = QualityReport.Raise([complaint], "压缩机异响", Severity.Major, null, null, owner, TestData.Today.AddDays(10), owner, DateTimeOffset.UtcNow, TestData.Today);
        db.QualityReports.Add(report);
        await db.SaveChangesAsync();
        await Bulk.CloneAsync(App, "quality_reports", report.Id, Volume, new Dictionary<string, string>
        {
            ["status"] = "case when g % 5 = 0 then (array['Open','Acting','Verifying'])[(g / 5) % 3 + 1] else 'Closed' end",
            ["severity"] = "(array['Minor','Major','Critical'])[g % 3 + 1]",
            ["due_on"] = $"{Bulk.Literal(TestData.Today)} + (g % 60) - 30",
            ["raised_at"] = "now() - g * interval '5 hours'",
        });
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<string> Rows(IDocument page) => page.QuerySelectorAll("[data-testid=report-row]").Select(r => r.GetAttribute("data-id")!).ToList();

    private static int Total(IDocument page) => int.Parse(page.QuerySelector("[data-testid=queue-total]")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_list_opens_on_the_open_reports_by_due_date_the_overdue_first_fifty_at_a_time_with_the_true_total()
    {
        await using var db = App.NewDbContext();
        var open = await db.QualityReports.AsNoTracking().Where(r => r.Status != QualityReportStatus.Closed)
            .OrderBy(r => r.DueOn).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync();
        Assert.True(open.Count > 50);

        using var quality = await Client().SignedInAsync("quality1");
        var page = await quality.GetDocumentAsync("/Quality/Reports");
        Assert.Equal(open.Count, Total(page));
        Assert.Equal(open.Take(50).Select(Id), Rows(page));
        Assert.NotNull(page.QuerySelector("[data-testid=overdue]"));
        page = await quality.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal(open.Skip(50).Take(50).Select(Id), Rows(page));
    }

    [Fact]
    public async Task A_closed_status_filter_reads_all_reports_newest_first_and_page_three_shows_the_right_fifty()
    {
        await using var db = App.NewDbContext();
        var closed = await db.QualityReports.AsNoTracking().Where(r => r.Status == QualityReportStatus.Closed && r.Severity == Severity.Critical)
            .OrderByDescending(r => r.RaisedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToListAsync();
        Assert.True(closed.Count > 100);

        using var quality = await Client().SignedInAsync("quality1");
        var page = await quality.GetDocumentAsync("/Quality/Reports?status=Closed&severity=Critical");
        page = await quality.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        page = await quality.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal("3", page.QuerySelector("[data-testid=queue-page]")!.GetAttribute("data-page"));
        Assert.Equal(closed.Count, Total(page));
        Assert.Equal(closed.Skip(100).Take(50).Select(Id), Rows(page));

        var today = TestData.Today;
        Assert.Equal(await db.QualityReports.CountAsync(r => r.Status != QualityReportStatus.Closed && r.DueOn < today), Total(await quality.GetDocumentAsync("/Quality/Reports?overdue=true")));
    }

    [Theory]
    [InlineData("?view=%00")]
    [InlineData("?status=Bogus&category=-4")]
    [InlineData("?after=20261399_1")]
    [InlineData("?view=all&after=x_y")]
    public async Task Hostile_query_input_is_ignored_with_a_message_never_an_error(string query)
    {
        using var quality = await Client().SignedInAsync("quality1");
        var page = await quality.GetDocumentAsync("/Quality/Reports" + query);
        Assert.NotNull(page.QuerySelector("[data-testid=filter-ignored]"));
        Assert.True(Rows(page).Count <= 50);
    }
}
