using System.Globalization;
using System.Text.Json;
using AfterSales.Web.Tests.Dispatch;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Web.Tests.Tickets;

/// <summary>The ticket list with thousands of tickets: its true total, its category filter paged to page 3, 50 rows a page.</summary>
public sealed class TicketListVolumeTests(AppFixture app) : AppTest(app)
{
    private const int Volume = 3000;

    private static List<string> Numbers(IDocument page) => [.. page.QuerySelectorAll("[data-testid=ticket-row]").Select(r => r.GetAttribute("data-number")!)];

    /// <summary>The total the page states with its rows (null when it is counted after the page).</summary>
    private static long? Total(IDocument page) =>
        page.QuerySelector("[data-testid=match-count]")?.GetAttribute("data-total") is { } total ? long.Parse(total, CultureInfo.InvariantCulture) : null;

    private static async Task<long> CountAsync(AppFixture app, string where)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from tickets where " + where, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(AppFixture app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_list_states_its_true_total_with_the_first_page_and_keeps_it_true_as_tickets_change()
    {
        await using (var db = App.NewDbContext())
        {
            await DispatchData.WaitingTicketsAsync(db, Volume, DateTimeOffset.UtcNow.AddDays(-1));
        }

        using var desk = await Client().SignedInAsync("desk1");
        async Task AssertTotalsAsync()
        {
            var all = await desk.GetDocumentAsync("/Tickets");
            Assert.Equal(50, Numbers(all).Count);
            Assert.Equal(await CountAsync(App, "true"), Total(all));
            foreach (var (query, where) in new[]
                     {
                         ("F.Urgency=Emergency", "urgency = 'Emergency'"),
                         ("F.Status=New&F.Urgency=High", "status = 'New' and urgency = 'High'"),
                         ("F.Status=Cancelled", "status = 'Cancelled'"),
                         ("F.Kind=Repair&F.Channel=Phone&F.Warranty=OutOfWarranty", "kind = 'Repair' and channel = 'Phone' and warranty_status = 'OutOfWarranty'"),
                     })
            {
                var page = await desk.GetDocumentAsync("/Tickets?" + query);
                Assert.True(Numbers(page).Count <= 50);
                Assert.Equal(await CountAsync(App, where), Total(page));
            }

            // A date range is counted from the tickets logged per quarter hour: company days (UTC+8) are whole quarters.
            var from = TestData.Today.AddDays(-5);
            var to = TestData.Today.AddDays(-2);
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            var byDates = await desk.GetDocumentAsync(FormattableString.Invariant($"/Tickets?F.From={from:yyyy-MM-dd}&F.To={to:yyyy-MM-dd}"));
            var expected = await CountAsync(App, FormattableString.Invariant($"created_at >= '{start:O}' and created_at < '{end:O}'"));
            Assert.InRange(expected, 500, Volume);
            Assert.Equal(expected, Total(byDates));
        }

        await AssertTotalsAsync();

        // Updates in bulk and one at a time, deletes: the kept counters follow in the same transaction.
        await ExecuteAsync(App, "update tickets set status = 'Cancelled' where number like 'SR-BULK-%' and right(number, 1) = '3'");
        await ExecuteAsync(App, "update tickets set urgency = 'Emergency' where number = 'SR-BULK-000011'");
        await ExecuteAsync(App, "delete from tickets where number like 'SR-BULK-%' and right(number, 2) = '99'");
        await AssertTotalsAsync();

        // The counters hold exactly what a full count gives, combination by combination.
        await ExecuteAsync(App, """
            do $$ begin
              if exists (
                (select status, kind, channel, warranty_status, urgency, count(*) from tickets group by 1, 2, 3, 4, 5
                 except select status, kind, channel, warranty_status, urgency, sum(n) from ticket_counts group by 1, 2, 3, 4, 5 having sum(n) <> 0)
                union all
                (select status, kind, channel, warranty_status, urgency, sum(n) from ticket_counts group by 1, 2, 3, 4, 5 having sum(n) <> 0
                 except select status, kind, channel, warranty_status, urgency, count(*) from tickets group by 1, 2, 3, 4, 5))
              then raise exception 'ticket_counts differs from the tickets';
              end if;
            end $$;
            """);
    }

    [Fact]
    public async Task A_category_filter_by_name_pages_to_page_three_and_its_total_is_counted_exactly()
    {
        await using (var db = App.NewDbContext())
        {
            await DispatchData.WaitingTicketsAsync(db, Volume, DateTimeOffset.UtcNow.AddDays(-1));
        }

        await using var check = App.NewDbContext();
        var fridges = await check.ProductModels.Where(m => check.ProductCategories.Any(c => c.Id == m.CategoryId && c.Code == "FR")).Select(m => (long?)m.Id).ToListAsync();
        var expected = await check.Tickets.Where(t => fridges.Contains(t.ProductModelId))
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => t.Number).ToListAsync();
        Assert.InRange(expected.Count, 900, 1100);

        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/Tickets?F.Category=FR");

        // The filter offers categories by name (冰箱), never codes.
        var option = page.QuerySelector("#category option[value=FR]")!;
        Assert.Equal("冰箱", option.TextContent.Trim());
        Assert.True(option.HasAttribute("selected"));
        Assert.Equal(expected.Take(50), Numbers(page));

        page = await desk.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        page = await desk.GetDocumentAsync(page.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal(expected.Skip(100).Take(50), Numbers(page));

        // A category is not among the kept counters: the total is counted after the page, exactly, past the export limit too.
        Assert.Null(Total(page));
        using var response = await desk.GetAsync("/Tickets/Export?handler=Count&F.Category=FR");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(expected.Count, json.RootElement.GetProperty("count").GetInt32());
        using var all = await desk.GetAsync("/Tickets/Export?handler=Count");
        using var allJson = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        Assert.Equal(await CountAsync(App, "true"), allJson.RootElement.GetProperty("count").GetInt64());

        // An unknown category lists nothing, never an error.
        Assert.Empty(Numbers(await desk.GetDocumentAsync("/Tickets?F.Category=NOPE")));
    }

    [Fact]
    public async Task The_technician_is_typed_by_user_name_or_employee_number_not_chosen_from_every_technician()
    {
        await using (var db = App.NewDbContext())
        {
            await DispatchData.WaitingTicketsAsync(db, 300, DateTimeOffset.UtcNow.AddDays(-1));
        }

        await ExecuteAsync(App, """
            update tickets set status = 'Assigned', assigned_technician_id = (select id from "AspNetUsers" where user_name = 'tech1')
            where number like 'SR-BULK-%' and right(number, 1) = '7'
            """);
        await using var check = App.NewDbContext();
        var tech1 = await check.Users.Where(u => u.UserName == "tech1").Select(u => new { u.Id, u.EmployeeNo }).SingleAsync();
        var expected = await check.Tickets.Where(t => t.AssignedTechnicianId == tech1.Id)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => t.Number).ToListAsync();
        Assert.Equal(30, expected.Count);

        using var desk = await Client().SignedInAsync("desk1");
        var byName = await desk.GetDocumentAsync("/Tickets?F.Assignee=tech1");
        Assert.Equal("INPUT", byName.QuerySelector("#assignee")!.TagName);
        Assert.Equal(expected, Numbers(byName));
        Assert.Equal(expected, Numbers(await desk.GetDocumentAsync("/Tickets?F.Assignee=" + Uri.EscapeDataString(tech1.Id))));
        if (tech1.EmployeeNo is { Length: > 0 } number)
        {
            Assert.Equal(expected, Numbers(await desk.GetDocumentAsync("/Tickets?F.Assignee=" + Uri.EscapeDataString(number))));
        }

        using var response = await desk.GetAsync("/Tickets/Export?handler=Count&F.Assignee=tech1");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(30, json.RootElement.GetProperty("count").GetInt32());
        Assert.Empty(Numbers(await desk.GetDocumentAsync("/Tickets?F.Assignee=nobody")));
    }
}
