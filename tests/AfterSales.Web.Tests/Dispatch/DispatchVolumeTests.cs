using System.Globalization;
using System.Net;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Dispatch;

/// <summary>The board with a working day's volume: thousands of waiting tickets, over a hundred open work orders.</summary>
public sealed class DispatchVolumeTests(AppFixture app) : AppTest(app)
{
    private const int Bulk = 3000;

    private static List<IElement> Rows(IDocument page, string testId = "waiting-row") => [.. page.QuerySelectorAll($"[data-testid={testId}]")];

    private static int Total(IDocument page) => int.Parse(page.QuerySelector("[data-testid=page-of]")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    private static string? Next(IDocument page) => page.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");

    [Fact]
    public async Task Todays_emergency_call_is_on_the_first_page_of_thousands_waiting_and_the_total_is_true()
    {
        await using var db = App.NewDbContext();
        await DispatchData.WaitingTicketsAsync(db, Bulk, DateTimeOffset.UtcNow.AddDays(-1));
        var today = await DispatchData.AcTicketAsync(db, Urgency.Emergency);
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        var page = await dispatcher.GetDocumentAsync("/Dispatch");
        var rows = Rows(page);
        Assert.Equal(IndexPageSize, rows.Count);
        Assert.Equal(Bulk + 1, Total(page));
        Assert.Equal((Bulk + 1).ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=waiting-total]")!.TextContent);
        Assert.Contains(rows, r => r.GetAttribute("data-number") == today.Number);

        // Emergencies first (30 old ones, then today's), then high urgency, oldest first.
        var urgencies = rows.Select(r => Enum.Parse<Urgency>(r.GetAttribute("data-urgency")!)).ToList();
        Assert.Equal(urgencies.OrderBy(WaitingVisits.Rank).ToList(), urgencies);
        Assert.Equal(today.Number, rows[Bulk / 100].GetAttribute("data-number"));
        Assert.Equal(Urgency.High, urgencies[^1]);
    }

    private const int IndexPageSize = AfterSales.Web.Pages.Dispatch.IndexModel.PageSize;

    [Fact]
    public async Task Every_waiting_ticket_is_reached_by_paging_and_todays_normal_call_by_its_date()
    {
        await using var db = App.NewDbContext();
        await DispatchData.WaitingTicketsAsync(db, 700, DateTimeOffset.UtcNow.AddDays(-1));
        var today = await DispatchData.AcTicketAsync(db);
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        // Today's filter finds it at once.
        var byDate = await dispatcher.GetDocumentAsync("/Dispatch?F.From=" + TestData.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(today.Number, Assert.Single(Rows(byDate)).GetAttribute("data-number"));
        Assert.Equal(1, Total(byDate));

        // Paging walks every waiting ticket once, in the board's order, and ends.
        var seen = new List<(Urgency Urgency, string Number)>();
        string? url = "/Dispatch";
        var pages = 0;
        while (url is not null)
        {
            var page = await dispatcher.GetDocumentAsync(url);
            var rows = Rows(page);
            Assert.InRange(rows.Count, 1, IndexPageSize);
            seen.AddRange(rows.Select(r => (Enum.Parse<Urgency>(r.GetAttribute("data-urgency")!), r.GetAttribute("data-number")!)));
            Assert.Equal(++pages, int.Parse(page.QuerySelector("[data-testid=page-of]")!.GetAttribute("data-page")!, CultureInfo.InvariantCulture));
            url = Next(page);
        }

        Assert.Equal(701, seen.Count);
        Assert.Equal(701, seen.Select(s => s.Number).Distinct().Count());
        Assert.Equal((701 + IndexPageSize - 1) / IndexPageSize, pages);
        Assert.Equal(seen.Select(s => WaitingVisits.Rank(s.Urgency)).Order().ToList(), seen.Select(s => WaitingVisits.Rank(s.Urgency)).ToList());
        Assert.Equal(today.Number, seen.Last(s => s.Urgency == Urgency.Normal).Number);
    }

    [Fact]
    public async Task A_category_and_urgency_filter_pages_to_page_three_with_names_not_codes()
    {
        await using var db = App.NewDbContext();
        await DispatchData.WaitingTicketsAsync(db, Bulk, DateTimeOffset.UtcNow.AddDays(-1));
        var fridgeModel = (await TestData.ModelAsync(db, "BCD-470")).Id;
        var expected = await db.Tickets.CountAsync(t => t.Number.StartsWith("SR-BULK-") && t.ProductModelId == fridgeModel && t.Urgency == Urgency.Normal);
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        var first = await dispatcher.GetDocumentAsync("/Dispatch");
        Assert.Contains("冰箱", first.QuerySelectorAll("#F_Cat option").Select(o => o.TextContent));
        Assert.All(Rows(first), r => Assert.Contains(r.QuerySelector("[data-testid=waiting-category]")!.TextContent, new[] { "空调", "冰箱" }));

        var url = "/Dispatch?F.Cat=FR&F.Urgency=Normal";
        var page = await dispatcher.GetDocumentAsync(url);
        Assert.Equal(expected, Total(page));
        page = await dispatcher.GetDocumentAsync(Next(page)!);
        page = await dispatcher.GetDocumentAsync(Next(page)!);
        Assert.Equal("3", page.QuerySelector("[data-testid=page-of]")!.GetAttribute("data-page"));
        Assert.Equal(expected, Total(page));
        var rows = Rows(page);
        Assert.Equal(IndexPageSize, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("冰箱", r.QuerySelector("[data-testid=waiting-category]")!.TextContent);
            Assert.Equal("Normal", r.GetAttribute("data-urgency"));
        });
        var firstNumbers = Rows(await dispatcher.GetDocumentAsync(url)).Select(r => r.GetAttribute("data-number")).ToHashSet();
        Assert.DoesNotContain(rows, r => firstNumbers.Contains(r.GetAttribute("data-number")));

        // In English the same rows read "Refrigerator".
        var english = await dispatcher.GetDocumentAsync(url + "&culture=en&ui-culture=en");
        Assert.All(Rows(english), r => Assert.Equal("Refrigerator", r.QuerySelector("[data-testid=waiting-category]")!.TextContent));
        Assert.DoesNotContain(english.QuerySelectorAll("#F_Cat option"), o => o.TextContent is "AC" or "FR");
    }

    [Fact]
    public async Task Every_section_opens_on_at_most_fifty_rows_with_its_true_total()
    {
        await using var db = App.NewDbContext();
        var ids = await DispatchData.WaitingTicketsAsync(db, 400, DateTimeOffset.UtcNow.AddDays(-1));
        await DispatchData.OpenWorkOrdersAsync(db, ids.Take(200).ToList());
        var open = await db.WorkOrders.CountAsync(w => w.Status != WorkOrderStatus.Completed);
        var overdue = await db.WorkOrders.CountAsync(w => w.Status != WorkOrderStatus.Completed && w.Deadline < TestData.Today);
        Assert.True(overdue > 50, $"only {overdue} overdue");
        using var manager = await Client().SignedInAsync("manager1");

        var waiting = await manager.GetDocumentAsync("/Dispatch");
        Assert.Equal(400 - 200, Total(waiting));
        Assert.Equal(IndexPageSize, Rows(waiting).Count);

        var orders = await manager.GetDocumentAsync("/Dispatch?F.View=orders");
        Assert.Equal(open, Total(orders));
        var orderRows = Rows(orders, "work-order-row");
        Assert.Equal(IndexPageSize, orderRows.Count);
        Assert.Equal("Overdue", orderRows[0].GetAttribute("data-clock"));

        // The open work orders page on: with a clock by deadline, then those without; each once.
        var seen = new List<string>();
        string? url = "/Dispatch?F.View=orders";
        while (url is not null)
        {
            var page = await manager.GetDocumentAsync(url);
            seen.AddRange(Rows(page, "work-order-row").Select(r => r.GetAttribute("data-id")!));
            url = Next(page);
        }

        Assert.Equal(open, seen.Distinct().Count());
        Assert.Equal(open, seen.Count);

        var overdueList = await manager.GetDocumentAsync("/Dispatch?F.View=overdue");
        Assert.Equal(overdue, Total(overdueList));
        Assert.Equal(IndexPageSize, Rows(overdueList, "overdue-row").Count);
        var overduePage2 = await manager.GetDocumentAsync(Next(overdueList)!);
        Assert.Equal(overdue - IndexPageSize, Rows(overduePage2, "overdue-row").Count);
        Assert.All(Rows(overduePage2, "overdue-row"), r => Assert.Equal("Overdue", r.GetAttribute("data-clock")));

        var load = await manager.GetDocumentAsync("/Dispatch?F.View=load");
        Assert.InRange(Rows(load, "load-row").Count, 1, IndexPageSize);
        Assert.Equal(await db.TechnicianProfiles.CountAsync(), Total(load));
        Assert.Equal(open, Rows(load, "load-row").Sum(r => int.Parse(r.GetAttribute("data-open")!, CultureInfo.InvariantCulture)));

        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var technicians = await dispatcher.GetDocumentAsync("/Technicians");
        Assert.InRange(technicians.QuerySelectorAll("[data-testid=technician-row]").Length, 1, IndexPageSize);
    }

    [Theory]
    [InlineData("dispatch1", true)]
    [InlineData("manager1", true)]
    [InlineData("desk1", false)]
    [InlineData("tech1", false)]
    public async Task The_ticket_page_offers_dispatch_to_dispatchers_while_the_ticket_waits(string user, bool offered)
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync("/Tickets/" + ticket.Number);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.False(offered);
            return;
        }

        var link = (await AppClient.ParseAsync(response)).QuerySelector("[data-testid=dispatch-link]");
        Assert.Equal(offered, link is not null);
        if (offered)
        {
            Assert.Equal("/Dispatch/Assign/" + ticket.Id, link!.GetAttribute("href"));
            await DispatchData.Service(App, db).DispatchAsync(new AfterSales.Web.Infrastructure.Dispatch.DispatchRequest(ticket.Id, TestData.Today.AddDays(1), TimeSlot.Morning, null, null), "dispatch1", CancellationToken.None);
            Assert.Null((await client.GetDocumentAsync("/Tickets/" + ticket.Number)).QuerySelector("[data-testid=dispatch-link]"));
        }
    }

    [Fact]
    public async Task A_technician_at_their_limit_is_marked_and_needs_a_written_reason()
    {
        await using var db = App.NewDbContext();
        var ac = await DispatchData.AcTechniciansAsync(db);
        await DispatchData.OpenJobsAsync(db, ac[1].Id, 4);
        var ticket = await DispatchData.AcTicketAsync(db);
        var url = "/Dispatch/Assign/" + ticket.Id;
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        var page = await dispatcher.GetDocumentAsync(url);
        Assert.Equal("true", page.QuerySelector($"#Input_TechnicianId option[value='{ac[1].Id}']")!.GetAttribute("data-at-limit"));
        Assert.Equal("false", page.QuerySelector($"#Input_TechnicianId option[value='{ac[0].Id}']")!.GetAttribute("data-at-limit"));
        Assert.NotNull(page.QuerySelector("[data-testid=at-limit-hint]"));

        KeyValuePair<string, string>[] Form(string reason) =>
        [
            new("Input.AppointmentDate", TestData.Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("Input.Slot", "Morning"),
            new("Input.TechnicianId", ac[1].Id),
            new("Input.SeenSuggestion", ac[0].Id),
            new("Input.OverrideReason", reason),
        ];
        using var refused = await dispatcher.PostFormAsync(url, Form(""));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("上限 4", (await AppClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for='Input.OverrideReason']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, await db.WorkOrders.CountAsync(w => w.TechnicianId == ac[1].Id));

        using var accepted = await dispatcher.PostFormAsync(url, Form("客户点名要这位师傅"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(5, await db.WorkOrders.CountAsync(w => w.TechnicianId == ac[1].Id));
    }

    [Theory]
    [InlineData("/Dispatch?F.Q=%00SR")]
    [InlineData("/Dispatch?F.Q=SR%00%01-2026")]
    [InlineData("/Dispatch?F.Cat=%00")]
    [InlineData("/Dispatch?F.Cat=NOPE")]
    [InlineData("/Dispatch?F.From=9999-12-31&F.To=0001-01-01")]
    [InlineData("/Dispatch?F.From=0001-01-01")]
    [InlineData("/Dispatch?F.To=9999-12-31")]
    [InlineData("/Dispatch?F.From=garbage&F.To=2026-02-30")]
    [InlineData("/Dispatch?F.Age=99999999999999999999")]
    [InlineData("/Dispatch?F.Age=2147483647")]
    [InlineData("/Dispatch?F.Age=-5")]
    [InlineData("/Dispatch?F.Page=99999999999&F.After=Normal.1.1")]
    [InlineData("/Dispatch?F.Page=-1&F.After=Normal.1.1")]
    [InlineData("/Dispatch?F.After=garbage")]
    [InlineData("/Dispatch?F.After=Emergency.99999999999999999999.1")]
    [InlineData("/Dispatch?F.After=Emergency.3155378975999999999.9223372036854775807")]
    [InlineData("/Dispatch?F.After=Emergency.0.0")]
    [InlineData("/Dispatch?F.After=Low.-1.5")]
    [InlineData("/Dispatch?F.After=42.1.1")]
    [InlineData("/Dispatch?F.Urgency=42&F.Warranty=-1")]
    [InlineData("/Dispatch?F.Urgency=garbage&F.Warranty=%00")]
    [InlineData("/Dispatch?F.View=orders&F.After=c.3652058.9223372036854775807")]
    [InlineData("/Dispatch?F.View=orders&F.After=c.99999999999.1")]
    [InlineData("/Dispatch?F.View=orders&F.After=a.0.-1")]
    [InlineData("/Dispatch?F.View=overdue&F.After=a.5.5")]
    [InlineData("/Dispatch?F.View=load&F.After=99999999999999&F.Cat=%00")]
    [InlineData("/Dispatch?F.View=%3Cscript%3E")]
    [InlineData("/Technicians?after=-1&p=99999999999")]
    [InlineData("/Technicians?after=2147483647&p=%00")]
    public async Task Hostile_board_queries_never_fail(string url)
    {
        await using var db = App.NewDbContext();
        await DispatchData.AcTicketAsync(db, Urgency.Emergency);
        using var user = await Client().SignedInAsync(url.StartsWith("/Technicians", StringComparison.Ordinal) ? "dispatch1" : "manager1");
        using var response = await user.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Over_long_search_text_is_refused_beside_the_field()
    {
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var page = await dispatcher.GetDocumentAsync("/Dispatch?F.Q=" + new string('9', 5000));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='F.Q']")!.TextContent));
    }
}
