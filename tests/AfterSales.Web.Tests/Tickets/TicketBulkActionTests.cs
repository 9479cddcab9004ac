using System.Net;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Dispatch;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Tickets;

public sealed class TicketBulkActionTests(AppFixture app) : AppTest(app)
{
    private static List<KeyValuePair<string, string>> Form(string action, IEnumerable<long> ids, string? reason, string? urgency = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Input.Action", action), new("Input.ReturnUrl", "/Tickets?F.Oldest=true") };
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("Input.Ids", id.ToString())));
        if (reason is not null)
        {
            fields.Add(new("Input.Reason", reason));
        }

        if (urgency is not null)
        {
            fields.Add(new("Input.Urgency", urgency));
        }

        return fields;
    }

    private static async Task<Dictionary<long, IElement>> ResultsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AppClient.ParseAsync(response)).QuerySelectorAll("[data-testid=bulk-result]").ToDictionary(r => long.Parse(r.GetAttribute("data-ticket-id")!));
    }

    private async Task<Ticket> CancelledAsync()
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        ticket.Cancel("客户自己修好了", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return ticket;
    }

    [Fact]
    public async Task The_list_has_a_checkbox_per_row_a_select_all_and_the_actions_the_role_may_take()
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);

        using var desk = await Client().SignedInAsync("desk1");
        var list = await desk.GetDocumentAsync("/Tickets");
        Assert.NotNull(list.QuerySelector($"[data-testid=ticket-pick][form=ticket-bulk][name='Input.Ids'][value='{ticket.Id}']"));
        Assert.NotNull(list.QuerySelector("#select-all-tickets[data-select-all='Input.Ids']"));
        Assert.Equal(["urgency", "cancel"], list.QuerySelectorAll("#bulk-action option").Select(o => o.GetAttribute("value")!).ToArray());

        using var dispatcher = await Client().SignedInAsync("dispatch1");
        Assert.Equal(["assign", "urgency", "cancel"], (await dispatcher.GetDocumentAsync("/Tickets")).QuerySelectorAll("#bulk-action option").Select(o => o.GetAttribute("value")!).ToArray());

        using var quality = await Client().SignedInAsync("quality1");
        var theirs = await quality.GetDocumentAsync("/Tickets");
        Assert.Null(theirs.QuerySelector("#ticket-bulk"));
        Assert.Null(theirs.QuerySelector("[data-testid=ticket-pick]"));
    }

    [Fact]
    public async Task Changing_urgency_in_bulk_gives_each_row_its_result_and_keeps_the_reason_in_the_timeline()
    {
        await using var db = App.NewDbContext();
        var normal = await DispatchData.AcTicketAsync(db);
        var high = await DispatchData.AcTicketAsync(db, Urgency.High);
        var cancelled = await CancelledAsync();
        using var desk = await Client().SignedInAsync("desk1");

        using var response = await desk.PostFormAsync("/Tickets", Form("urgency", [normal.Id, high.Id, cancelled.Id], "用户家有老人，高温天", "High"), "/Tickets/Bulk");
        var results = await ResultsAsync(response);
        Assert.Equal("true", results[normal.Id].GetAttribute("data-done"));
        Assert.Contains("一般 → 紧急", results[normal.Id].TextContent, StringComparison.Ordinal);
        Assert.Equal("false", results[high.Id].GetAttribute("data-done"));
        Assert.Contains("已是", results[high.Id].TextContent, StringComparison.Ordinal);
        Assert.Equal("false", results[cancelled.Id].GetAttribute("data-done"));
        Assert.Contains("已取消", results[cancelled.Id].TextContent, StringComparison.Ordinal);

        Assert.Equal(Urgency.High, (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == normal.Id)).Urgency);
        Assert.Equal(Urgency.Normal, (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == cancelled.Id)).Urgency);
        var page = await desk.GetDocumentAsync("/Tickets/" + normal.Number);
        Assert.Contains("用户家有老人，高温天", page.QuerySelector("[data-testid=timeline] [data-action=UrgencyChanged]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_in_bulk_cancels_only_the_tickets_whose_state_allows_it()
    {
        await using var db = App.NewDbContext();
        var open = await DispatchData.AcTicketAsync(db);
        var cancelled = await CancelledAsync();
        var done = await DispatchData.AcTicketAsync(db);
        done.Assign((await DispatchData.AcTechniciansAsync(db))[0].Id, DateTimeOffset.UtcNow);
        done.StartWork(DateTimeOffset.UtcNow);
        done.Complete(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        using var response = await dispatcher.PostFormAsync("/Tickets", Form("cancel", [open.Id, cancelled.Id, done.Id, 987654321], "重复登记"), "/Tickets/Bulk");
        var results = await ResultsAsync(response);
        Assert.Equal("true", results[open.Id].GetAttribute("data-done"));
        Assert.Equal("false", results[done.Id].GetAttribute("data-done"));
        Assert.Contains("不能取消", results[done.Id].TextContent, StringComparison.Ordinal);
        Assert.Equal("false", results[cancelled.Id].GetAttribute("data-done"));
        Assert.Equal("false", results[987654321].GetAttribute("data-done"));

        var tickets = await db.Tickets.AsNoTracking().ToDictionaryAsync(t => t.Id);
        Assert.Equal(TicketStatus.Cancelled, tickets[open.Id].Status);
        Assert.Equal("重复登记", tickets[open.Id].CancellationReason);
        Assert.Equal(TicketStatus.Completed, tickets[done.Id].Status);
        Assert.Equal("客户自己修好了", tickets[cancelled.Id].CancellationReason);
        using var again = await dispatcher.PostFormAsync("/Tickets", Form("cancel", [open.Id], "x"), "/Tickets/Bulk");
        var back = (await AppClient.ParseAsync(again)).QuerySelector("#bulk-back")!;
        Assert.Equal("/Tickets?F.Oldest=true", back.GetAttribute("href"));
    }

    public static TheoryData<string, string?, string?, string> BadInput => new()
    {
        { "cancel", null, null, "请填写原因" },
        { "cancel", "  ", null, "请填写原因" },
        { "cancel", new string('长', 501), null, "500" },
        { "cancel", "坏\u0001字", null, "控制字符" },
        { "urgency", "理由", null, "紧急程度" },
        { "urgency", "理由", "Panic", "紧急程度" },
        { "urgency", "理由", "99", "紧急程度" },
        { "explode", "理由", null, "请选择要执行的操作" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_bulk_input_gets_a_clear_message_and_changes_nothing(string action, string? reason, string? urgency, string message)
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        using var desk = await Client().SignedInAsync("desk1");

        using var response = await desk.PostFormAsync("/Tickets", Form(action, [ticket.Id], reason, urgency), "/Tickets/Bulk");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-testid=bulk-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-testid=bulk-result]"));
        var after = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticket.Id);
        Assert.Equal((TicketStatus.New, Urgency.Normal), (after.Status, after.Urgency));
    }

    [Fact]
    public async Task Nothing_ticked_or_too_many_is_said_and_nothing_happens()
    {
        using var desk = await Client().SignedInAsync("desk1");
        using var none = await desk.PostFormAsync("/Tickets", Form("cancel", [], "理由"), "/Tickets/Bulk");
        Assert.Contains("请至少勾选", (await AppClient.ParseAsync(none)).QuerySelector("[data-testid=bulk-errors]")!.TextContent, StringComparison.Ordinal);
        using var many = await desk.PostFormAsync("/Tickets", Form("cancel", Enumerable.Range(1, 51).Select(i => (long)i), "理由"), "/Tickets/Bulk");
        Assert.Contains("50", (await AppClient.ParseAsync(many)).QuerySelector("[data-testid=bulk-errors]")!.TextContent, StringComparison.Ordinal);
        using var junk = await desk.PostFormAsync("/Tickets", [new("Input.Action", "cancel"), new("Input.Ids", "abc"), new("Input.Reason", "理由")], "/Tickets/Bulk");
        Assert.Equal(HttpStatusCode.OK, junk.StatusCode);
    }

    [Fact]
    public async Task Roles_are_checked_as_for_one_ticket_and_assigning_goes_through_the_rotation_preview()
    {
        await using var db = App.NewDbContext();
        var a = await DispatchData.AcTicketAsync(db);
        var b = await DispatchData.AcTicketAsync(db);

        using var quality = await Client().SignedInAsync("quality1");
        foreach (var action in new[] { "cancel", "urgency", "assign" })
        {
            using var denied = await quality.PostFormAsync("/Tickets", Form(action, [a.Id], "理由", "High"), "/Tickets/Bulk");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        using var desk = await Client().SignedInAsync("desk1");
        using (var deskAssign = await desk.PostFormAsync("/Tickets", Form("assign", [a.Id], null), "/Tickets/Bulk"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deskAssign.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", deskAssign.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        using var technician = await Client().SignedInAsync("tech1");
        using (var techCancel = await technician.PostFormAsync("/WorkOrders", Form("cancel", [a.Id], "理由"), "/Tickets/Bulk"))
        {
            Assert.NotEqual(HttpStatusCode.OK, techCancel.StatusCode);
        }

        var unchanged = await db.Tickets.AsNoTracking().ToListAsync();
        Assert.All(unchanged, t => Assert.Equal((TicketStatus.New, Urgency.Normal), (t.Status, t.Urgency)));

        using var dispatcher = await Client().SignedInAsync("dispatch1");
        using var assign = await dispatcher.PostFormAsync("/Tickets", Form("assign", [a.Id, b.Id], null), "/Tickets/Bulk");
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        var preview = assign.Headers.Location!.PathAndQuery();
        Assert.Equal($"/Dispatch/Bulk?ids={a.Id}&ids={b.Id}", preview);
        var page = await dispatcher.GetDocumentAsync(preview);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=bulk-row]").Length);
        Assert.False(await db.WorkOrders.AnyAsync());
    }
}
