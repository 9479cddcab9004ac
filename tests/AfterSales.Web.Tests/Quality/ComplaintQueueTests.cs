using System.Globalization;
using AfterSales.Domain.Complaints;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Quality;

/// <summary>The complaint ledger as a work queue at volume: 3,000 complaints over four months.</summary>
public sealed class ComplaintQueueTests(AppFixture app) : AppTest(app)
{
    private const int Volume = 3000;

    private long _airConditioners;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (template, ticket) = await QualityData.ComplaintAsync(App, "KF2301-9001", "13900009001");
        await using var db = App.NewDbContext();
        var fridge = await db.ProductModels.AsNoTracking().FirstAsync(m => m.Code == "BCD-470");
        _airConditioners = (await db.ProductModels.AsNoTracking().FirstAsync(m => m.Code == "KFR-35GW")).CategoryId;

        // One ticket per complaint (a complaint is its ticket's), then the complaints: a third resolved and classified,
        // a third unclassified, a third classified and still being handled; half about a fridge; one every hour back.
        await Bulk.CloneAsync(App, "tickets", ticket.Id, Volume, new Dictionary<string, string>
        {
            ["number"] = "'QV-' || g",
            ["intake_key"] = "null",
        });
        await Bulk.CloneAsync(
            App,
            "complaints",
            template.Id,
            Volume,
            new Dictionary<string, string>
            {
                ["ticket_id"] = "k.id",
                ["recorded_at"] = "now() - g * interval '1 hour'",
                ["stage"] = "case g % 3 when 0 then 'Resolved' when 1 then 'Recorded' else 'QualityInformed' end",
                ["class"] = "case g % 3 when 0 then 'NewProblem' when 1 then null else 'RecurringProblem' end",
                ["proposed_class"] = "'NewProblem'",
                ["product_model_id"] = $"case when g % 2 = 0 then {fridge.Id} else t.product_model_id end",
            },
            "join tickets k on k.number = 'QV-' || g");
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<string> Rows(IDocument page) => page.QuerySelectorAll("[data-testid=complaint-row]").Select(r => r.GetAttribute("data-id")!).ToList();

    private static int Total(IDocument page) => int.Parse(page.QuerySelector("[data-testid=queue-total]")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("quality1")]
    [InlineData("desk1")]
    public async Task The_ledger_opens_on_the_unclassified_or_unresolved_complaints_oldest_first_fifty_at_a_time_with_the_true_total(string user)
    {
        await using var db = App.NewDbContext();
        var open = await db.Complaints.AsNoTracking().Where(c => c.Class == null || c.Stage != ComplaintStage.Resolved)
            .OrderBy(c => c.RecordedAt).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync();
        Assert.Equal(2001, open.Count);

        using var client = await Client().SignedInAsync(user);
        var page = await client.GetDocumentAsync("/Quality/Complaints");

        Assert.Equal(open.Count, Total(page));
        Assert.Equal(open.Take(50).Select(Id), Rows(page));
        Assert.DoesNotContain(page.QuerySelectorAll("[data-testid=complaint-row]"), r => r.GetAttribute("data-stage") == "Resolved" && r.GetAttribute("data-class") != "");
        Assert.Equal("open", page.QuerySelector("#view option[selected]")!.GetAttribute("value"));

        var all = await client.GetDocumentAsync("/Quality/Complaints?view=all");
        Assert.Equal(Volume + 1, Total(all));
        Assert.Equal(50, Rows(all).Count);
    }

    [Fact]
    public async Task A_category_filter_pages_on_by_cursor_and_page_three_shows_the_right_fifty()
    {
        await using var db = App.NewDbContext();
        var category = _airConditioners;
        var expected = await db.Complaints.AsNoTracking()
            .Where(c => (c.Class == null || c.Stage != ComplaintStage.Resolved) && db.ProductModels.Any(m => m.Id == c.ProductModelId && m.CategoryId == category))
            .OrderBy(c => c.RecordedAt).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync();
        Assert.True(expected.Count > 150);

        using var quality = await Client().SignedInAsync("quality1");
        var page = await quality.GetDocumentAsync("/Quality/Complaints?category=" + Id(category));
        Assert.Equal("空调", page.QuerySelector("#category option[selected]")!.TextContent.Trim());
        page = await quality.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        page = await quality.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal("3", page.QuerySelector("[data-testid=queue-page]")!.GetAttribute("data-page"));
        Assert.Equal(expected.Count, Total(page));
        Assert.Equal(expected.Skip(100).Take(50).Select(Id), Rows(page));

        // Age: recorded at least 30 days ago, unclassified only.
        var old = await quality.GetDocumentAsync("/Quality/Complaints?unclassified=true&age=30");
        var cutoff = DateTimeOffset.UtcNow.AddDays(-29);
        var oldIds = Rows(old).Select(long.Parse).ToList();
        var ages = await db.Complaints.AsNoTracking().Where(c => oldIds.Contains(c.Id)).Select(c => new { c.RecordedAt, c.Class }).ToListAsync();
        Assert.Equal(50, ages.Count);
        Assert.All(ages, a => Assert.True(a.RecordedAt < cutoff && a.Class is null));
    }

    [Theory]
    [InlineData("?from=9999-12-31&to=9999-12-31")]
    [InlineData("?from=0001-01-01")]
    [InlineData("?age=-1&p=0&after=abc")]
    [InlineData("?age=99999999999&category=99999999999999999999999")]
    [InlineData("?stage=99&class=77&view=%00")]
    [InlineData("?after=9999999999999999_1&model=-5")]
    public async Task Hostile_query_input_is_ignored_with_a_message_never_an_error(string query)
    {
        using var quality = await Client().SignedInAsync("quality1");
        var page = await quality.GetDocumentAsync("/Quality/Complaints" + query);
        Assert.NotNull(page.QuerySelector("[data-testid=filter-ignored]"));
        Assert.True(Rows(page).Count <= 50);
    }
}
