using System.Globalization;
using AfterSales.Domain.FollowUps;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.FollowUps;

/// <summary>The follow-up call queue at volume: 3,000 calls due over two months back and the next days.</summary>
public sealed class FollowUpQueueTests(AppFixture app) : AppTest(app)
{
    private const int Volume = 3000;

    private string _tech2 = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var techs = new[] { await FollowUpData.UserIdAsync(App, "tech1"), await FollowUpData.UserIdAsync(App, "tech2"), await FollowUpData.UserIdAsync(App, "tech3") };
        _tech2 = techs[1];
        var (_, workOrder, followUp) = await FollowUpData.CompletedRepairAsync(App, techs[0]);

        // One work order per call; 1 in 100 due today, 1 in 10 due in the next days, the rest overdue up to 60 days; 1 in 10 already done.
        await Bulk.CloneAsync(App, "work_orders", workOrder.Id, Volume, new Dictionary<string, string> { ["diagnosis"] = "'bulk-' || g" });
        var today = Bulk.Literal(TestData.Today);
        await Bulk.CloneAsync(
            App,
            "follow_ups",
            followUp.Id,
            Volume,
            new Dictionary<string, string>
            {
                ["work_order_id"] = "k.id",
                ["technician_id"] = $"(array[{string.Join(", ", techs.Select(Bulk.Literal))}])[g % 3 + 1]",
                ["due_on"] = $"case when g % 100 = 0 then {today} when g % 10 = 9 then {today} + (g % 5 + 1) else {today} - (g % 60 + 1) end",
                ["status"] = "case when g % 10 = 7 then 'Done' else 'Pending' end",
            },
            "join work_orders k on k.diagnosis = 'bulk-' || g");
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<string> Rows(IDocument page) => page.QuerySelectorAll("[data-testid=followup-row]").Select(r => r.GetAttribute("data-id")!).ToList();

    private static int Total(IDocument page) => int.Parse(page.QuerySelector("[data-testid=queue-total]")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_queue_opens_on_the_calls_due_today_then_the_overdue_oldest_first_fifty_at_a_time_with_the_true_total()
    {
        var today = TestData.Today;
        await using var db = App.NewDbContext();
        var pending = (await db.FollowUps.AsNoTracking().Where(f => f.Status == FollowUpStatus.Pending).Select(f => new { f.Id, f.DueOn }).ToListAsync())
            .OrderBy(f => f.DueOn == today ? 0 : 1).ThenBy(f => f.DueOn).ThenBy(f => f.Id).ToList();
        var dueToday = pending.Count(f => f.DueOn == today);
        Assert.InRange(dueToday, 1, 49);

        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/FollowUps");

        Assert.Equal(pending.Count, Total(page));
        Assert.Equal(pending.Take(50).Select(f => Id(f.Id)), Rows(page));
        var rows = page.QuerySelectorAll("[data-testid=followup-row]");
        Assert.All(rows.Take(dueToday), r => Assert.Equal("false", r.GetAttribute("data-overdue")));
        Assert.All(rows.Skip(dueToday), r => Assert.Equal("true", r.GetAttribute("data-overdue")));

        // Following the pages reaches the upcoming calls after every overdue one, none twice.
        var seen = new List<string>(Rows(page));
        while (page.QuerySelector("#next-page") is { } next)
        {
            page = await desk.GetDocumentAsync(next.GetAttribute("href")!);
            seen.AddRange(Rows(page));
        }

        Assert.Equal(pending.Select(f => Id(f.Id)), seen);
    }

    [Fact]
    public async Task A_technician_filter_on_the_overdue_calls_pages_on_by_cursor_and_page_three_shows_the_right_fifty()
    {
        var today = TestData.Today;
        var tech = _tech2;
        await using var db = App.NewDbContext();
        var expected = await db.FollowUps.AsNoTracking().Where(f => f.Status == FollowUpStatus.Pending && f.DueOn < today && f.TechnicianId == tech)
            .OrderBy(f => f.DueOn).ThenBy(f => f.Id).Select(f => f.Id).ToListAsync();
        Assert.True(expected.Count > 150);

        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/FollowUps?due=overdue&tech=" + Uri.EscapeDataString(tech));
        page = await desk.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        page = await desk.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal("3", page.QuerySelector("[data-testid=queue-page]")!.GetAttribute("data-page"));
        Assert.Equal(expected.Count, Total(page));
        Assert.Equal(expected.Skip(100).Take(50).Select(Id), Rows(page));

        // At least 30 days overdue.
        var old = await desk.GetDocumentAsync("/FollowUps?age=30");
        var dueBy = today.AddDays(-30);
        Assert.Equal(
            await db.FollowUps.CountAsync(f => f.Status == FollowUpStatus.Pending && f.DueOn <= dueBy),
            Total(old));
    }

    [Fact]
    public async Task The_technician_is_typed_by_user_name_and_the_category_is_chosen_by_name()
    {
        var today = TestData.Today;
        var tech = _tech2;
        await using var db = App.NewDbContext();
        var expected = await db.FollowUps.AsNoTracking().Where(f => f.Status == FollowUpStatus.Pending && f.DueOn < today && f.TechnicianId == tech)
            .OrderBy(f => f.DueOn).ThenBy(f => f.Id).Select(f => f.Id).ToListAsync();

        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/FollowUps?due=overdue&tech=tech2&cat=AC");

        // A text field, not a list of every technician; the category list shows names.
        Assert.Equal("INPUT", page.QuerySelector("#tech")!.TagName);
        Assert.Equal("tech2", page.QuerySelector("#tech")!.GetAttribute("value"));
        Assert.Equal("空调", page.QuerySelector("#cat option[value=AC]")!.TextContent.Trim());
        Assert.Equal(expected.Count, Total(page));
        Assert.Equal(expected.Take(50).Select(Id), Rows(page));
        page = await desk.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        page = await desk.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal(expected.Skip(100).Take(50).Select(Id), Rows(page));

        // Every call here is for an air conditioner: none for refrigerators; an unknown category is ignored with a message.
        Assert.Equal(0, Total(await desk.GetDocumentAsync("/FollowUps?due=all&cat=FR")));
        var unknown = await desk.GetDocumentAsync("/FollowUps?cat=NOPE");
        Assert.NotNull(unknown.QuerySelector("[data-testid=filter-ignored]"));
    }

    [Theory]
    [InlineData("?from=9999-12-31&to=0001-01-01")]
    [InlineData("?age=99999999999")]
    [InlineData("?age=5000&p=0")]
    [InlineData("?tech=%00&due=%00")]
    [InlineData("?after=20261301_5")]
    [InlineData("?after=99991231_99999999999999999999")]
    public async Task Hostile_query_input_is_ignored_with_a_message_never_an_error(string query)
    {
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/FollowUps" + query);
        Assert.NotNull(page.QuerySelector("[data-testid=filter-ignored]"));
        Assert.True(Rows(page).Count <= 50);
    }
}
