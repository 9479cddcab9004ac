using System.Net;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Tests.Infrastructure;

namespace AfterSales.Web.Tests.Tickets;

public sealed class TicketListTests(AppFixture app) : AppTest(app)
{
    private static async Task<List<string>> NumbersAsync(AppClient client, string query)
    {
        var page = await client.GetDocumentAsync("/Tickets?" + query);
        return page.QuerySelectorAll("[data-testid=ticket-row]").Select(r => r.GetAttribute("data-number")!).ToList();
    }

    [Fact]
    public async Task The_search_box_finds_by_phone_name_serial_and_words_of_the_fault()
    {
        Ticket a, b, c;
        await using (var db = App.NewDbContext())
        {
            var (ouyang, unitA) = await TestData.CustomerWithUnitAsync(db, "欧阳修", "13811112222", "KF2401-5555", TestData.Today.AddMonths(-3));
            var (li, unitB) = await TestData.CustomerWithUnitAsync(db, "李清照", "13933334444", "XG2302-6666", TestData.Today.AddMonths(-30), model: "XQG100");
            a = await TestData.TicketAsync(db, ouyang, unitA, "空调外机噪音很大");
            b = await TestData.TicketAsync(db, li, unitB, "洗衣机脱水时剧烈晃动");
            c = await TestData.TicketAsync(db, li, unitB, "漏水", kind: TicketKind.Complaint);
        }

        using var desk = await Client().SignedInAsync("desk1");
        Assert.Equal([a.Number], await NumbersAsync(desk, "F.Q=13811112222"));
        Assert.Equal([a.Number], await NumbersAsync(desk, "F.Q=1381111"));
        Assert.Equal([c.Number, b.Number], await NumbersAsync(desk, "F.Q=" + Uri.EscapeDataString("李清照")));
        Assert.Equal([c.Number, b.Number], await NumbersAsync(desk, "F.Q=" + Uri.EscapeDataString("李")));
        Assert.Equal([a.Number], await NumbersAsync(desk, "F.Q=KF2401"));
        Assert.Equal([b.Number], await NumbersAsync(desk, "F.Q=" + Uri.EscapeDataString("剧烈晃动")));
        Assert.Equal([c.Number], await NumbersAsync(desk, "F.Q=" + Uri.EscapeDataString("漏水")));
        Assert.Empty(await NumbersAsync(desk, "F.Q=" + Uri.EscapeDataString("%")));

        using var exact = await desk.GetAsync("/Tickets?F.Q=" + a.Number.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, exact.StatusCode);
        Assert.Equal("/Tickets/" + a.Number, exact.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        Ticket repair, complaint;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "孙先生", "13711112222", "KF2401-1234", TestData.Today.AddYears(-3));
            repair = await TestData.TicketAsync(db, customer, unit, urgency: Urgency.Emergency);
            complaint = await TestData.TicketAsync(db, customer, unit, kind: TicketKind.Complaint, at: DateTimeOffset.UtcNow.AddDays(-10));
        }

        using var desk = await Client().SignedInAsync("desk1");
        Assert.Equal([complaint.Number], await NumbersAsync(desk, "F.Kind=Complaint"));
        Assert.Equal([repair.Number], await NumbersAsync(desk, "F.Urgency=Emergency"));
        Assert.Equal([repair.Number, complaint.Number], await NumbersAsync(desk, "F.Warranty=OutOfWarranty"));
        Assert.Empty(await NumbersAsync(desk, "F.Warranty=InWarranty"));
        Assert.Equal([repair.Number], await NumbersAsync(desk, "F.From=" + TestData.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([complaint.Number], await NumbersAsync(desk, "F.To=" + TestData.Today.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([repair.Number, complaint.Number], await NumbersAsync(desk, "F.Status=New&F.Channel=Phone"));
        Assert.Equal([complaint.Number, repair.Number], await NumbersAsync(desk, "F.Oldest=true"));
        Assert.Equal([complaint.Number, repair.Number], await NumbersAsync(desk, "F.Status=Bogus&F.Oldest=true"));
    }

    [Fact]
    public async Task Keyset_paging_walks_every_ticket_once()
    {
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "钱女士", "13711113333", "KF2401-4321", TestData.Today.AddYears(-3));
            var start = DateTimeOffset.UtcNow.AddHours(-2);
            for (var i = 0; i < 120; i++)
            {
                await TestData.TicketAsync(db, customer, unit, "故障 " + i, at: start.AddMinutes(i / 2));
            }
        }

        using var desk = await Client().SignedInAsync("desk1");
        var seen = new List<string>();
        var url = "/Tickets";
        for (var pages = 0; pages < 10 && url is not null; pages++)
        {
            var page = await desk.GetDocumentAsync(url);
            seen.AddRange(page.QuerySelectorAll("[data-testid=ticket-row]").Select(r => r.GetAttribute("data-number")!));
            url = page.QuerySelector("#next-page")?.GetAttribute("href")!;
        }

        Assert.Equal(120, seen.Count);
        Assert.Equal(120, seen.Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_saves_never_get_the_same_ticket_number()
    {
        var day = new DateOnly(2026, 11, 27);
        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var db = App.NewDbContext();
            return await TicketNumbers.NextAsync(db, day, CancellationToken.None);
        }));
        Assert.Equal(40, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(@"^SR-20261127-\d{4}$", n));
        Assert.Contains("SR-20261127-0001", numbers);
        Assert.Contains("SR-20261127-0040", numbers);
    }
}
