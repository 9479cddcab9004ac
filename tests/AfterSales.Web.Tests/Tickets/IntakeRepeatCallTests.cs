using System.Globalization;
using System.Net;
using System.Text.Json;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Tickets;

/// <summary>Call intake beside the form: the caller's open tickets, the unit's last visits, and 催修 added to an open ticket.</summary>
public sealed class IntakeRepeatCallTests(AppFixture app) : AppTest(app)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(Customer Customer, Unit Unit, Ticket Open)> CallerWithOpenTicketAsync(Urgency urgency = Urgency.Normal)
    {
        await using var db = App.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "周先生", "13811112222", "KF2401-7777", TestData.Today.AddMonths(-3));
        var open = await TestData.TicketAsync(db, customer, unit, "空调不制冷", urgency: urgency, at: DateTimeOffset.UtcNow.AddHours(-3));
        return (customer, unit, open);
    }

    private static async Task<Dictionary<string, string>> RepeatFormAsync(AppClient desk, Customer customer, Unit unit, Ticket open, string note)
    {
        var page = await desk.GetDocumentAsync("/Tickets/New");
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["Input.IntakeKey"] = page.QuerySelector<IHtmlInputElement>("#Input_IntakeKey")!.Value,
            ["Input.Phone"] = "13811112222",
            ["Input.CustomerId"] = Id(customer.Id),
            ["Input.UnitId"] = Id(unit.Id),
            ["Input.Kind"] = "Repair",
            ["Input.Channel"] = "Phone",
            ["Input.Urgency"] = "Normal",
            ["Input.ServiceMode"] = "OnSite",
            ["Input.FaultDescription"] = note,
            ["repeatTicket"] = open.Number,
        };
    }

    [Fact]
    public async Task The_callers_open_tickets_and_the_units_last_visits_show_once_the_caller_is_chosen()
    {
        var (customer, unit, open) = await CallerWithOpenTicketAsync();
        await using (var db = App.NewDbContext())
        {
            var closed = await TestData.TicketAsync(db, customer, unit, "遥控器失灵", at: DateTimeOffset.UtcNow.AddDays(-30));
            closed.Cancel("客户自行修好", DateTimeOffset.UtcNow.AddDays(-29));
            for (var n = 0; n < 6; n++)
            {
                var old = await TestData.TicketAsync(db, customer, unit, "清洗保养 " + n, kind: TicketKind.Installation, at: DateTimeOffset.UtcNow.AddDays(-60 - n));
                old.Cancel("重复登记", DateTimeOffset.UtcNow.AddDays(-59));
            }

            await db.SaveChangesAsync();
            var (other, _) = await TestData.CustomerWithUnitAsync(db, "别人", "13900001234", "KF2401-9999", TestData.Today.AddMonths(-3));
            await TestData.TicketAsync(db, other, null, "别人的工单");
        }

        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.GetAsync($"/Tickets/New?handler=CallerContext&customerId={Id(customer.Id)}&unitId={Id(unit.Id)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var openTickets = json.GetProperty("openTickets").EnumerateArray().ToList();
        var only = Assert.Single(openTickets);
        Assert.Equal(open.Number, only.GetProperty("number").GetString());
        Assert.Equal(unit.Id, only.GetProperty("unitId").GetInt64());
        Assert.Equal("新建", only.GetProperty("statusText").GetString());
        Assert.True(only.GetProperty("open").GetBoolean());

        var visits = json.GetProperty("unitVisits").EnumerateArray().Select(v => v.GetProperty("number").GetString()).ToList();
        Assert.Equal(5, visits.Count);
        Assert.Equal(open.Number, visits[0]);
    }

    [Fact]
    public async Task A_repeat_call_is_added_to_the_open_ticket_counted_and_raises_urgency_from_the_second_on()
    {
        var (customer, unit, open) = await CallerWithOpenTicketAsync(Urgency.Normal);
        using var desk = await Client().SignedInAsync("desk1");

        async Task<string> RepeatAsync(string note)
        {
            var form = await RepeatFormAsync(desk, customer, unit, open, note);
            using var response = await desk.PostAsync("/Tickets/New?handler=RepeatCall", form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.OriginalString;
        }

        Assert.Equal("/Tickets/" + open.Number, await RepeatAsync("客户催修：还是不制冷"));
        await using (var db = App.NewDbContext())
        {
            var ticket = await db.Tickets.AsNoTracking().SingleAsync();
            Assert.Equal(1, ticket.RepeatCallCount);
            Assert.Equal(Urgency.Normal, ticket.Urgency);
            Assert.Equal("客户催修：还是不制冷", ticket.RepeatCalls.Single().Note);
            Assert.Equal("desk1", ticket.RepeatCalls.Single().By);
        }

        var location = await RepeatAsync("第二次催修");
        var page = await desk.GetDocumentAsync(location);
        Assert.Contains(open.Number, page.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.QuerySelector("[data-testid=repeat-count]")!.GetAttribute("data-count"));
        Assert.Contains("第二次催修", page.QuerySelector("[data-testid=repeat-calls]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("催修次数", page.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);

        await using var check = App.NewDbContext();
        var after = await check.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(2, after.RepeatCallCount);
        Assert.Equal(Urgency.High, after.Urgency);
        Assert.Equal(1, await check.Tickets.CountAsync());
    }

    [Fact]
    public async Task The_same_repeat_call_form_posted_twice_is_counted_once()
    {
        var (customer, unit, open) = await CallerWithOpenTicketAsync();
        using var desk = await Client().SignedInAsync("desk1");
        var form = await RepeatFormAsync(desk, customer, unit, open, "催修");
        using (var first = await desk.PostAsync("/Tickets/New?handler=RepeatCall", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using (var second = await desk.PostAsync("/Tickets/New?handler=RepeatCall", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        await using var db = App.NewDbContext();
        Assert.Equal(1, (await db.Tickets.AsNoTracking().SingleAsync()).RepeatCallCount);
    }

    public static TheoryData<string, string, string> BadRepeatCalls => new()
    {
        { "Input.FaultDescription", "不制冷\u0007响铃\u001B[2J", "控制字符" },
        { "Input.FaultDescription", new string('催', 1001), "不能超过 1000 个字符" },
        { "repeatTicket", "SR-00000000-0000", "未结工单" },
        { "repeatTicket", new string('9', 5000), "未结工单" },
        { "Input.CustomerId", "", "来电客户" },
        { "Input.UnitId", "", "来电客户" },
    };

    [Fact]
    public async Task A_nul_byte_in_a_repeat_call_is_refused_with_a_clear_page_not_a_500_and_saves_nothing()
    {
        var (customer, unit, open) = await CallerWithOpenTicketAsync();
        using var desk = await Client().SignedInAsync("desk1");
        var form = await RepeatFormAsync(desk, customer, unit, open, "不制冷\0DROP TABLE tickets;");

        using var response = await desk.PostAsync("/Tickets/New?handler=RepeatCall", form);

        // The framework refuses to read such a form (400) before any handler runs; the error page says so.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("[data-testid=error-page]"));
        await using var db = App.NewDbContext();
        var ticket = await db.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(0, ticket.RepeatCallCount);
        Assert.Equal(Urgency.Normal, ticket.Urgency);
    }

    [Theory]
    [MemberData(nameof(BadRepeatCalls))]
    public async Task A_bad_or_hostile_repeat_call_is_refused_with_a_clear_message_and_saves_nothing(string field, string value, string message)
    {
        var (customer, unit, open) = await CallerWithOpenTicketAsync();
        using var desk = await Client().SignedInAsync("desk1");
        var form = await RepeatFormAsync(desk, customer, unit, open, "催修");
        form[field] = value;

        using var response = await desk.PostAsync("/Tickets/New?handler=RepeatCall", form);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {response.Headers.Location} {body[..Math.Min(body.Length, 3000)]}");
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#intake-form")!.TextContent, StringComparison.Ordinal);
        await using var db = App.NewDbContext();
        var ticket = await db.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(0, ticket.RepeatCallCount);
        Assert.Empty(ticket.RepeatCalls);
        Assert.Equal(Urgency.Normal, ticket.Urgency);
    }

    [Fact]
    public async Task A_repeat_call_goes_only_to_the_callers_own_open_ticket_of_that_unit()
    {
        var (customer, unit, open) = await CallerWithOpenTicketAsync();
        Ticket othersTicket, closed;
        await using (var db = App.NewDbContext())
        {
            var (other, otherUnit) = await TestData.CustomerWithUnitAsync(db, "吴女士", "13700007777", "KF2401-1212", TestData.Today.AddMonths(-3));
            othersTicket = await TestData.TicketAsync(db, other, otherUnit, "别人的空调");
            closed = await TestData.TicketAsync(db, customer, unit, "已取消的");
            closed.Cancel("客户取消", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        using var desk = await Client().SignedInAsync("desk1");
        foreach (var number in new[] { othersTicket.Number, closed.Number })
        {
            var form = await RepeatFormAsync(desk, customer, unit, open, "催修");
            form["repeatTicket"] = number;
            using var response = await desk.PostAsync("/Tickets/New?handler=RepeatCall", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var errors = (await AppClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent;
            Assert.True(errors.Contains("未结工单", StringComparison.Ordinal) || errors.Contains("不能再记录催修", StringComparison.Ordinal), errors);
        }

        await using var check = App.NewDbContext();
        Assert.Equal(0, await check.Tickets.SumAsync(t => t.RepeatCallCount));
    }

    [Theory]
    [InlineData("desk1", true)]
    [InlineData("dispatch1", true)]
    [InlineData("tech1", false)]
    [InlineData("quality1", false)]
    public async Task Only_intake_roles_see_the_callers_tickets_and_add_repeat_calls(string user, bool allowed)
    {
        var (customer, unit, open) = await CallerWithOpenTicketAsync();
        using var desk = await Client().SignedInAsync("desk1");
        var form = await RepeatFormAsync(desk, customer, unit, open, "催修");

        using var client = await Client().SignedInAsync(user);
        using var context = await client.GetAsync($"/Tickets/New?handler=CallerContext&customerId={Id(customer.Id)}&unitId={Id(unit.Id)}");
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Redirect, context.StatusCode);
        if (!allowed)
        {
            Assert.Contains("AccessDenied", context.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
            using var post = await client.PostAsync("/Tickets/New?handler=RepeatCall", form);
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
            await using var db = App.NewDbContext();
            Assert.Equal(0, (await db.Tickets.AsNoTracking().SingleAsync()).RepeatCallCount);
        }

        using var anonymous = Client();
        using var nobody = await anonymous.GetAsync($"/Tickets/New?handler=CallerContext&customerId={Id(customer.Id)}");
        Assert.Equal(HttpStatusCode.Redirect, nobody.StatusCode);
        Assert.Contains("/Account/Login", nobody.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
