using System.Net;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Tickets;

public sealed class TicketPageTests(AppFixture app) : AppTest(app)
{
    private async Task<Ticket> OutOfWarrantyTicketAsync()
    {
        await using var db = App.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "周先生", "13600000003", "KF2001-0009", TestData.Today.AddYears(-4));
        return await TestData.TicketAsync(db, customer, unit);
    }

    private static KeyValuePair<string, string>[] QuoteForm(uint version) =>
    [
        new("Quote.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Quote.Lines[0].Kind", "Part"), new("Quote.Lines[0].Description", "压缩机电容"), new("Quote.Lines[0].PartNumber", "C-35UF"), new("Quote.Lines[0].Quantity", "1"), new("Quote.Lines[0].UnitPrice", "85.5"),
        new("Quote.Lines[1].Kind", "Labour"), new("Quote.Lines[1].Description", "上门维修工时"), new("Quote.Lines[1].Quantity", "1.5"), new("Quote.Lines[1].UnitPrice", "80"),
        new("Quote.Lines[2].Kind", "Part"),
    ];

    [Fact]
    public async Task Out_of_warranty_the_desk_records_a_quote_then_the_customers_phone_consent()
    {
        var ticket = await OutOfWarrantyTicketAsync();
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/Tickets/" + ticket.Number;
        using var quoted = await desk.PostFormAsync(url, QuoteForm(ticket.Version), url + "?handler=Quote");
        Assert.Equal(HttpStatusCode.Redirect, quoted.StatusCode);

        await using var db = App.NewDbContext();
        var afterQuote = await db.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(TicketStatus.Quoted, afterQuote.Status);
        Assert.Equal(205.50m, afterQuote.QuoteTotal);
        Assert.Equal(0m, afterQuote.ChargeToCustomer);

        using var consent = await desk.PostFormAsync(url, [new("version", afterQuote.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("method", "Phone"), new("accepted", "true"), new("note", "客户电话确认")], url + "?handler=Consent");
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var afterConsent = await db.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(TicketStatus.Consented, afterConsent.Status);
        Assert.Equal(205.50m, afterConsent.ChargeToCustomer);
        Assert.Equal("desk1", afterConsent.Consent!.RecordedBy);

        var page = await desk.GetDocumentAsync(url);
        Assert.Equal("true", page.QuerySelector("[data-testid=consent]")!.GetAttribute("data-accepted"));
        var timeline = page.QuerySelector("[data-testid=timeline]")!;
        Assert.Equal(3, timeline.QuerySelectorAll("li[data-action]").Length);
        Assert.Contains("desk1", timeline.TextContent, StringComparison.Ordinal);
        Assert.Contains("客户已同意", timeline.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_quote_closes_the_ticket_as_declined()
    {
        var ticket = await OutOfWarrantyTicketAsync();
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/Tickets/" + ticket.Number;
        using var quoted = await desk.PostFormAsync(url, QuoteForm(ticket.Version), url + "?handler=Quote");
        await using var db = App.NewDbContext();
        var version = (await db.Tickets.AsNoTracking().SingleAsync()).Version;
        using var declined = await desk.PostFormAsync(url, [new("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("method", "InPerson"), new("accepted", "false")], url + "?handler=Consent");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(TicketStatus.Declined, (await db.Tickets.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task A_bad_quote_line_gets_a_message_and_changes_nothing()
    {
        var ticket = await OutOfWarrantyTicketAsync();
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/Tickets/" + ticket.Number;
        var form = QuoteForm(ticket.Version).ToList();
        form[4] = new("Quote.Lines[0].Quantity", "0");
        using var response = await desk.PostFormAsync(url, form, url + "?handler=Quote");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("数量必须大于 0", (await AppClient.ParseAsync(response)).QuerySelector("[data-testid=ticket-errors]")!.TextContent, StringComparison.Ordinal);
        await using var db = App.NewDbContext();
        Assert.Equal(TicketStatus.New, (await db.Tickets.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task In_warranty_no_quote_can_be_recorded()
    {
        Ticket ticket;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "吴女士", "13600000004", "KF2510-0010", TestData.Today.AddMonths(-1));
            ticket = await TestData.TicketAsync(db, customer, unit);
        }

        Assert.Equal(WarrantyStatus.InWarranty, ticket.WarrantyStatus);
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/Tickets/" + ticket.Number;
        var page = await desk.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("#quote-form"));
        Assert.NotNull(page.QuerySelector("[data-testid=no-charge]"));

        // A hand-made post is refused by the domain.
        var html = await desk.GetDocumentAsync(url);
        using var response = await desk.PostFormAsync(url, QuoteForm(ticket.Version), url + "?handler=Quote");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("保修期内不向客户收费", (await AppClient.ParseAsync(response)).QuerySelector("[data-testid=ticket-errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_supervisor_overrides_the_warranty_and_only_with_a_reason()
    {
        var ticket = await OutOfWarrantyTicketAsync();
        var url = "/Tickets/" + ticket.Number;
        var version = ticket.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var desk = await Client().SignedInAsync("desk1");
        using var refused = await desk.PostFormAsync(url, [new("version", version), new("result", "InWarranty"), new("reason", "老客户")], url + "?handler=Override");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        using var supervisor = await Client().SignedInAsync("dispatch1");
        using var noReason = await supervisor.PostFormAsync(url, [new("version", version), new("result", "InWarranty"), new("reason", " ")], url + "?handler=Override");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("书面理由", (await AppClient.ParseAsync(noReason)).QuerySelector("[data-testid=ticket-errors]")!.TextContent, StringComparison.Ordinal);

        using var done = await supervisor.PostFormAsync(url, [new("version", version), new("result", "InWarranty"), new("reason", "安装时即有故障，经核实按保修处理")], url + "?handler=Override");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await using var db = App.NewDbContext();
        var after = await db.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(WarrantyStatus.InWarranty, after.WarrantyStatus);
        Assert.Contains(after.WarrantyReasons, r => r.Code == "warranty.override");
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityName == "Ticket" && a.Action == "Modified").SingleAsync();
        Assert.Equal("dispatch1", audit.UserName);
        Assert.Contains("安装时即有故障", audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_based_on_an_old_version_is_refused_and_shows_the_latest()
    {
        var ticket = await OutOfWarrantyTicketAsync();
        var url = "/Tickets/" + ticket.Number;
        using var desk = await Client().SignedInAsync("desk1");
        using var first = await desk.PostFormAsync(url, QuoteForm(ticket.Version), url + "?handler=Quote");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var stale = await desk.PostFormAsync(url, [new("version", ticket.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("reason", "重复登记")], url + "?handler=Cancel");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("已被他人修改", (await AppClient.ParseAsync(stale)).QuerySelector("[data-testid=ticket-errors]")!.TextContent, StringComparison.Ordinal);
        await using var db = App.NewDbContext();
        Assert.Equal(TicketStatus.Quoted, (await db.Tickets.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task The_ticket_shows_its_visits_with_the_repair_clock()
    {
        Ticket ticket;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "冯女士", "13600000005", "KF2510-0011", TestData.Today.AddMonths(-1));
            ticket = await TestData.TicketAsync(db, customer, unit);
            var tracked = await db.Tickets.SingleAsync(t => t.Id == ticket.Id);
            var tech = await db.Users.Where(u => u.UserName == "tech5").Select(u => u.Id).SingleAsync();
            tracked.Assign(tech, DateTimeOffset.UtcNow);
            var order = Domain.WorkOrders.WorkOrder.Create(ticket.Id, tech, TestData.Today, Domain.WorkOrders.TimeSlot.Morning, DateTimeOffset.UtcNow, "dispatch1");
            order.Accept(DateTimeOffset.UtcNow);
            order.Arrive(DateTimeOffset.UtcNow, true, null);
            order.Diagnose("压缩机不启动", false, DateTimeOffset.UtcNow);
            order.StartPartsClock(TestData.Today, Domain.Calendar.WorkingCalendar.WeekendsOnly);
            db.WorkOrders.Add(order);
            await db.SaveChangesAsync();
        }

        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/Tickets/" + ticket.Number);
        var visit = page.QuerySelector("[data-testid=ticket-visit]")!;
        Assert.Contains("tech5", visit.TextContent, StringComparison.Ordinal);
        Assert.NotNull(visit.QuerySelector("[data-testid=clock][data-state=OnTrack]"));
    }

    [Fact]
    public async Task An_unknown_ticket_number_is_not_found()
    {
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.GetAsync("/Tickets/SR-20260101-9999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
