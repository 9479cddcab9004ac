using System.Net;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Catalog;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Web.Tests.Tickets;

/// <summary>The ticket list's search is complete: every ticket a full scan would find, newest first, for a word of any length.</summary>
public sealed class TicketSearchTests(AppFixture app) : AppTest(app)
{
    private static readonly string[] Pool = ["漏", "水", "不", "制", "冷", "噪", "音", "大", "王", "李", "张", "机", "空", "调", "响", "小"];

    /// <summary>Every ticket number the list shows for a search, following "next page" to the end.</summary>
    private static async Task<List<string>> AllPagesAsync(AppClient client, string query, string more = "")
    {
        var numbers = new List<string>();
        var url = "/Tickets?F.Q=" + Uri.EscapeDataString(query) + more;
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 100, "paging never ends");
            var page = await client.GetDocumentAsync(url);
            numbers.AddRange(page.QuerySelectorAll("[data-testid=ticket-row]").Select(r => r.GetAttribute("data-number")!));
            url = page.QuerySelector("#next-page")?.GetAttribute("href");
        }

        return numbers;
    }

    private async Task<List<string>> FullScanAsync(string word)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select t.number from tickets t join customers c on c.id = t.customer_id
            where strpos(lower(t.fault_description), lower(@w)) > 0 or strpos(lower(c.name), lower(@w)) > 0
            order by t.created_at desc, t.id desc
            """, connection);
        command.Parameters.AddWithValue("w", word);
        var numbers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetString(0));
        }

        return numbers;
    }

    private static string Word(Random random, int min, int max) =>
        string.Concat(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Pool[random.Next(Pool.Length)]));

    [Fact]
    public async Task Words_of_one_two_or_more_characters_find_exactly_the_tickets_a_full_scan_finds_newest_and_oldest_first()
    {
        var random = new Random(20261129);
        var customers = Enumerable.Range(0, 60).Select(_ => new Customer(CustomerKind.Person, Word(random, 2, 3), "上海市", DateTimeOffset.UtcNow)).ToList();
        await using (var db = App.NewDbContext())
        {
            foreach (var customer in customers)
            {
                customer.AddPhone("139" + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), "手机");
            }

            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
        }

        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var tickets = Enumerable.Range(0, 1_500).Select(i => CatalogData.Ticket(
            FormattableString.Invariant($"SR-20260101-{i:D4}"),
            customers[random.Next(customers.Count)],
            null,
            start.AddMinutes(i * 17),
            Word(random, 3, 9))).ToArray();
        await CatalogData.SaveAsync(App, tickets);

        // The second instance looks through only the newest 200 tickets before it asks the word index: a common word
        // fills its pages from there, a rare one does not; either way the pages are the full scan's.
        await using var narrow = AppInstance.Start(("Search:NewestWindow", "200"));
        using var desk = await Client().SignedInAsync("desk1");
        using var narrowDesk = await new AppClient(narrow.BaseAddress).SignedInAsync("desk1");
        foreach (var word in new[] { "漏", "水", "漏水", "制冷", "王", "王小", "冷不", tickets[0].FaultDescription[..3], tickets[1].FaultDescription[1..], customers[0].Name })
        {
            var expected = await FullScanAsync(word);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await AllPagesAsync(desk, word));
            Assert.Equal(expected, await AllPagesAsync(narrowDesk, word));
            Assert.Equal(Enumerable.Reverse(expected), await AllPagesAsync(narrowDesk, word, "&F.Oldest=true"));
        }

        // A word no ticket holds: an empty list either way (read through the word index, not by walking every ticket).
        Assert.Empty(await FullScanAsync("欧阳"));
        Assert.Empty(await AllPagesAsync(narrowDesk, "欧阳"));
        Assert.Empty(await AllPagesAsync(narrowDesk, "欧阳", "&F.Oldest=true"));
    }

    [Fact]
    public async Task A_renamed_customer_is_found_by_the_new_name_and_not_the_old()
    {
        var customer = await CatalogData.CustomerAsync(App, "赵一", "13700001111");
        var ticket = CatalogData.Ticket("SR-20260102-0001", customer, null, DateTimeOffset.UtcNow.AddHours(-1), "异味");
        await CatalogData.SaveAsync(App, ticket);
        await using (var db = App.NewDbContext())
        {
            var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            stored.Update(stored.Kind, "钱二", stored.ContactPerson, stored.Address);
            await db.SaveChangesAsync();
        }

        using var desk = await Client().SignedInAsync("desk1");
        Assert.Equal([ticket.Number], await AllPagesAsync(desk, "钱"));
        Assert.Empty(await AllPagesAsync(desk, "赵"));
    }

    [Fact]
    public async Task A_caller_is_found_by_the_last_four_digits_of_their_phone()
    {
        var customer = await CatalogData.CustomerAsync(App, "孙三", "13912345678");
        var other = await CatalogData.CustomerAsync(App, "周四", "13856780000");
        var ticket = CatalogData.Ticket("SR-20260103-0001", customer, null, DateTimeOffset.UtcNow.AddHours(-1), "不开机");
        var otherTicket = CatalogData.Ticket("SR-20260103-0002", other, null, DateTimeOffset.UtcNow.AddHours(-2), "不开机");
        await CatalogData.SaveAsync(App, ticket, otherTicket);

        using var desk = await Client().SignedInAsync("desk1");
        Assert.Equal([ticket.Number], await AllPagesAsync(desk, "5678"));
        Assert.Equal([otherTicket.Number], await AllPagesAsync(desk, "1385678"));
        Assert.Equal([ticket.Number, otherTicket.Number], await AllPagesAsync(desk, "不开机"));
    }

    [Theory]
    [InlineData("F.Q=%00")]
    [InlineData("F.Q=%E6%BC%8F%00%E6%B0%B4")]
    [InlineData("F.Q=%1B%5B31m")]
    public async Task Control_characters_in_the_search_get_a_message_not_an_error(string query)
    {
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/Tickets?" + query);
        Assert.NotNull(page.QuerySelector("[data-testid=search-refused]"));
        Assert.Empty(page.QuerySelectorAll("[data-testid=ticket-row]"));
    }

    [Fact]
    public async Task An_over_long_search_is_refused_with_a_message_never_cut()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/Tickets?F.Q=" + Uri.EscapeDataString(new string('漏', 101)));
        Assert.Contains("100", page.QuerySelector("[data-testid=search-refused]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("F.From=0001-01-01")]
    [InlineData("F.To=9999-12-31")]
    [InlineData("F.From=0001-01-01&F.To=0001-01-01")]
    [InlineData("F.After=9223372036854775807.9223372036854775807")]
    [InlineData("F.After=-1.-1")]
    public async Task Extreme_dates_and_cursors_never_break_the_list(string query)
    {
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.GetAsync("/Tickets?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
