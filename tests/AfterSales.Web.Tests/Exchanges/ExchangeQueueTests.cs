using System.Globalization;
using System.Net;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Exchanges;

/// <summary>The exchange page as a work queue at volume: 600 requests in every state, 50 a page with the true total.</summary>
public sealed class ExchangeQueueTests(AppFixture app) : AppTest(app)
{
    private const int Volume = 600;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Ticket ticket;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "何先生", "13500000019", "KF2510-6666", TestData.Today.AddMonths(-3));
            ticket = await TestData.TicketAsync(db, customer, unit, "同一故障三次维修未修复", TicketKind.Exchange);
        }

        using (var desk = await Client().SignedInAsync("desk1"))
        using (var requested = await desk.PostFormAsync($"/Exchanges/New?ticket={ticket.Number}", [new("Input.Reason", "压缩机三次维修仍异响")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        }

        await using var check = App.NewDbContext();
        var template = await check.ExchangeRequests.AsNoTracking().SingleAsync();

        // Half completed (the ledger), the rest pending at every step (a third overdue), returned, approved or rejected.
        await Bulk.CloneAsync(App, "exchange_requests", template.Id, Volume, new Dictionary<string, string>
        {
            ["status"] = "case when g % 2 = 0 then 'Completed' when g % 10 = 1 then 'Returned' when g % 10 = 3 then 'Approved' when g % 10 = 5 then 'Rejected' else 'Pending' end",
            ["current_step"] = "(array['RegionalHead','OfficeVerification','GeneralManager'])[g % 3 + 1]",
            ["requested_at"] = "now() - g * interval '3 hours'",
            ["step_due_at"] = "now() + ((g % 90) - 30) * interval '1 hour'",
            ["completed_at"] = "case when g % 2 = 0 then now() - g * interval '2 hours' end",
            ["new_serial_number"] = "case when g % 2 = 0 then 'NEW-' || g end",
        });
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<string> Rows(IDocument page, string row) => page.QuerySelectorAll($"[data-testid={row}]").Select(r => r.GetAttribute("data-id")!).ToList();

    private static int Total(IDocument page) => int.Parse(page.QuerySelector("[data-testid=queue-total]")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_page_opens_on_the_requests_waiting_for_someone_most_overdue_step_first_fifty_at_a_time_with_the_true_total()
    {
        await using var db = App.NewDbContext();
        var open = await db.ExchangeRequests.AsNoTracking()
            .Where(r => r.Status == ExchangeStatus.Pending || r.Status == ExchangeStatus.Returned || r.Status == ExchangeStatus.Approved)
            .OrderBy(r => r.StepDueAt).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync();
        Assert.True(open.Count > 150);

        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync("/Exchanges");
        Assert.Equal(open.Count, Total(page));
        Assert.Equal(open.Take(50).Select(Id), Rows(page, "exchange-row"));
        Assert.Empty(Rows(page, "ledger-row"));
        Assert.NotNull(page.QuerySelector("[data-testid=step-overdue]"));

        var seen = new List<string>(Rows(page, "exchange-row"));
        while (page.QuerySelector("#next-page") is { } next)
        {
            page = await manager.GetDocumentAsync(next.GetAttribute("href")!);
            seen.AddRange(Rows(page, "exchange-row"));
        }

        Assert.Equal(open.Select(Id), seen);
    }

    [Fact]
    public async Task The_ledger_filtered_by_category_pages_on_by_cursor_and_page_three_shows_the_right_fifty()
    {
        await using var db = App.NewDbContext();
        var category = await (from m in db.ProductModels where m.Code == "KFR-35GW" select m.CategoryId).SingleAsync();
        var ledger = await db.ExchangeRequests.AsNoTracking().Where(r => r.Status == ExchangeStatus.Completed)
            .OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToListAsync();
        Assert.True(ledger.Count > 150);

        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync($"/Exchanges?view=ledger&category={category}");
        page = await desk.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        page = await desk.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal("3", page.QuerySelector("[data-testid=queue-page]")!.GetAttribute("data-page"));
        Assert.Equal(ledger.Count, Total(page));
        Assert.Equal(ledger.Skip(100).Take(50).Select(Id), Rows(page, "ledger-row"));

        // Another category has none of them; overdue steps and one step narrow the open requests.
        var other = await db.ProductCategories.Where(k => k.Id != category).Select(k => k.Id).FirstAsync();
        Assert.Equal(0, Total(await desk.GetDocumentAsync($"/Exchanges?view=ledger&category={other}")));
        var now = DateTimeOffset.UtcNow;
        var overdue = await db.ExchangeRequests.CountAsync(r => r.Status == ExchangeStatus.Pending && r.StepDueAt < now && r.CurrentStep == ExchangeStep.GeneralManager);
        Assert.Equal(overdue, Total(await desk.GetDocumentAsync("/Exchanges?overdue=true&step=GeneralManager")));
    }

    [Theory]
    [InlineData("?view=%00&category=-1")]
    [InlineData("?from=9999-12-31")]
    [InlineData("?step=99&status=Bogus")]
    [InlineData("?after=abc_1&p=0")]
    [InlineData("?after=99999999999999999999_1")]
    public async Task Hostile_query_input_is_ignored_with_a_message_never_an_error(string query)
    {
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/Exchanges" + query);
        Assert.NotNull(page.QuerySelector("[data-testid=filter-ignored]"));
        Assert.True(Rows(page, "exchange-row").Count <= 50);
    }
}
