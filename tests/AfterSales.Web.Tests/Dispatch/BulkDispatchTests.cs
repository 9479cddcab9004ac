using System.Net;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Dispatch;

public sealed class BulkDispatchTests(AppFixture app) : AppTest(app)
{
    private static string Preview(params long[] ids) => "/Dispatch/Bulk?" + string.Join("&", ids.Select(id => "ids=" + id));

    /// <summary>The preview's form as the browser would post it, with <paramref name="change"/> applied to the fields.</summary>
    private static List<KeyValuePair<string, string>> FormOf(IDocument page, Func<string, string, string>? change = null)
    {
        var form = page.QuerySelector("#bulk-dispatch-form")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            fields.Add(new(input.Name!, input.Value));
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            fields.Add(new(select.Name!, select.QuerySelector<IHtmlOptionElement>("option[selected]")?.Value ?? select.Value ?? ""));
        }

        return [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, change?.Invoke(f.Key, f.Value) ?? f.Value))];
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(AppClient client, IDocument page, Func<string, string, string>? change = null) =>
        await client.PostAsync("/Dispatch/Bulk", FormOf(page, change));

    [Fact]
    public async Task Bulk_dispatch_applies_the_rotation_ticket_by_ticket_and_lists_each_rows_result()
    {
        await using var db = App.NewDbContext();
        var tickets = new[] { await DispatchData.AcTicketAsync(db), await DispatchData.AcTicketAsync(db), await DispatchData.AcTicketAsync(db) };
        var ac = await DispatchData.AcTechniciansAsync(db);
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        // The board offers a checkbox per waiting ticket, in a form that opens the preview.
        var board = await dispatcher.GetDocumentAsync("/Dispatch");
        Assert.Equal(3, board.QuerySelectorAll("[data-testid=waiting-pick][form=bulk-dispatch][name=ids]").Length);
        Assert.Equal("/Dispatch/Bulk", board.QuerySelector("form#bulk-dispatch")!.GetAttribute("action"));

        var page = await dispatcher.GetDocumentAsync(Preview([.. tickets.Select(t => t.Id)]));
        var rows = page.QuerySelectorAll("[data-testid=bulk-row]");
        Assert.Equal(tickets.Select(t => t.Id.ToString()), rows.Select(r => r.GetAttribute("data-ticket-id")!));
        Assert.Equal(ac.Take(3).Select(t => t.Id), rows.Select(r => r.QuerySelector("[data-testid=bulk-suggested]")!.GetAttribute("data-technician-id")!));
        Assert.Contains("第一位", rows[0].QuerySelector("[data-testid=bulk-why]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(ac[0].Position + ".", rows[1].QuerySelector("[data-testid=bulk-why]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("空调", page.QuerySelector("[data-testid=bulk-skill]")!.TextContent, StringComparison.Ordinal);

        using var response = await ConfirmAsync(dispatcher, page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        var results = result.QuerySelectorAll("[data-testid=bulk-result]");
        Assert.Equal(3, results.Length);
        Assert.All(results, r => Assert.Equal("true", r.GetAttribute("data-assigned")));
        Assert.Contains("已派给", results[0].TextContent, StringComparison.Ordinal);

        var orders = await db.WorkOrders.AsNoTracking().ToListAsync();
        Assert.Equal(ac.Take(3).Select(t => t.Id), tickets.Select(t => orders.Single(w => w.TicketId == t.Id).TechnicianId));
        Assert.All(orders, w => Assert.Equal("dispatch1", w.AssignedBy));
        Assert.Equal(ac[2].Position, await DispatchData.PointerAsync(db));
        Assert.Equal(3, await db.DispatchDecisions.CountAsync(d => d.OverrideReason == null));
        Assert.All(await db.Tickets.AsNoTracking().ToListAsync(), t => Assert.Equal(TicketStatus.Assigned, t.Status));
    }

    [Fact]
    public async Task A_ticket_changed_or_dispatched_after_the_preview_is_skipped_with_the_reason_and_the_others_are_assigned()
    {
        await using var db = App.NewDbContext();
        var a = await DispatchData.AcTicketAsync(db);
        var b = await DispatchData.AcTicketAsync(db);
        var c = await DispatchData.AcTicketAsync(db);
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var page = await dispatcher.GetDocumentAsync(Preview(a.Id, b.Id, c.Id));

        // Meanwhile: b is dispatched by someone else; c takes a repeat call (its version changes, it still waits).
        await using (var other = App.NewDbContext())
        {
            await DispatchData.Service(App, other).DispatchAsync(new DispatchRequest(b.Id, TestData.Today.AddDays(1), TimeSlot.Morning, null, null), "dispatch2", CancellationToken.None);
        }

        await using (var other = App.NewDbContext())
        {
            var ticket = await other.Tickets.SingleAsync(t => t.Id == c.Id);
            ticket.RecordRepeatCall(DateTimeOffset.UtcNow, "desk1", "又来电催");
            await other.SaveChangesAsync();
        }

        using var response = await ConfirmAsync(dispatcher, page);
        var results = (await AppClient.ParseAsync(response)).QuerySelectorAll("[data-testid=bulk-result]").ToDictionary(r => r.GetAttribute("data-ticket-id")!);
        Assert.Equal("true", results[a.Id.ToString()].GetAttribute("data-assigned"));
        Assert.Equal("false", results[b.Id.ToString()].GetAttribute("data-assigned"));
        Assert.Contains("未派出", results[b.Id.ToString()].TextContent, StringComparison.Ordinal);
        Assert.Equal("false", results[c.Id.ToString()].GetAttribute("data-assigned"));
        Assert.Contains("版本冲突", results[c.Id.ToString()].TextContent, StringComparison.Ordinal);

        // Nothing half-saved: c has no work order and still waits; b keeps the one other dispatcher's work order.
        Assert.False(await db.WorkOrders.AnyAsync(w => w.TicketId == c.Id));
        Assert.Equal(TicketStatus.New, (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == c.Id)).Status);
        Assert.Equal("dispatch2", (await db.WorkOrders.AsNoTracking().SingleAsync(w => w.TicketId == b.Id)).AssignedBy);
        Assert.Single(await db.WorkOrders.AsNoTracking().Where(w => w.TicketId == a.Id).ToListAsync());
    }

    [Fact]
    public async Task A_technician_over_the_open_job_limit_is_marked_and_chosen_only_with_a_reason()
    {
        await using var db = App.NewDbContext();
        var ac = await DispatchData.AcTechniciansAsync(db);
        await DispatchData.OpenJobsAsync(db, ac[0].Id, 4);
        var ticket = await DispatchData.AcTicketAsync(db);
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        var page = await dispatcher.GetDocumentAsync(Preview(ticket.Id));
        var row = page.QuerySelector("[data-testid=bulk-row]")!;
        Assert.Equal(ac[1].Id, row.QuerySelector("[data-testid=bulk-suggested]")!.GetAttribute("data-technician-id"));
        Assert.Contains(row.QuerySelectorAll("[data-testid=bulk-skips] li"), li => li.GetAttribute("data-code") == "rotation.at_limit");
        Assert.Equal("true", row.QuerySelector($"option[value='{ac[0].Id}']")!.GetAttribute("data-at-limit"));

        string Choose(string name, string value) => name.EndsWith(".TechnicianId", StringComparison.Ordinal) ? ac[0].Id : value;
        using (var refused = await ConfirmAsync(dispatcher, page, Choose))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var again = await AppClient.ParseAsync(refused);
            Assert.Contains("上限", again.QuerySelector("[data-testid=row-error]")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(again.QuerySelector("[data-testid=bulk-at-limit]"));
            Assert.Equal(ac[0].Id, again.QuerySelector("[data-testid=bulk-technician] option[selected]")!.GetAttribute("value"));
            Assert.Null(again.QuerySelector("[data-testid=bulk-result]"));
        }

        Assert.False(await db.WorkOrders.AnyAsync(w => w.TicketId == ticket.Id));

        using var accepted = await ConfirmAsync(dispatcher, page, (name, value) => name.EndsWith(".Reason", StringComparison.Ordinal) ? "客户指定老师傅" : Choose(name, value));
        var result = (await AppClient.ParseAsync(accepted)).QuerySelector("[data-testid=bulk-result]")!;
        Assert.Equal("true", result.GetAttribute("data-assigned"));
        Assert.Equal(ac[0].Id, (await db.WorkOrders.AsNoTracking().SingleAsync(w => w.TicketId == ticket.Id)).TechnicianId);
        var decision = await db.DispatchDecisions.AsNoTracking().SingleAsync(d => d.TicketId == ticket.Id);
        Assert.Equal("客户指定老师傅", decision.OverrideReason);
        Assert.Equal(ac[1].Id, decision.SuggestedTechnicianId);
        Assert.Equal(0, await DispatchData.PointerAsync(db));
    }

    [Fact]
    public async Task Tickets_of_different_product_families_are_refused_with_a_clear_message()
    {
        await using var db = App.NewDbContext();
        var air = await DispatchData.AcTicketAsync(db);
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "冰箱客户", "13711112222", "BCD2026-01", TestData.Today.AddMonths(-3), model: "BCD-470");
        var fridge = await TestData.TicketAsync(db, customer, unit, "冰箱不制冷");
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        var page = await dispatcher.GetDocumentAsync(Preview(air.Id, fridge.Id));
        Assert.Contains("不同品类", page.QuerySelector("[data-testid=bulk-refusal]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-testid=bulk-row]"));

        // A forged confirm with both is refused the same way, and nothing is dispatched.
        var token = (await dispatcher.GetDocumentAsync(Preview(air.Id))).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var forged = await dispatcher.PostAsync("/Dispatch/Bulk",
        [
            new("Input.AppointmentDate", TestData.Today.AddDays(1).ToString("yyyy-MM-dd")), new("Input.Slot", "Morning"),
            new("Input.Rows[0].TicketId", air.Id.ToString()), new("Input.Rows[0].Version", air.Version.ToString()),
            new("Input.Rows[1].TicketId", fridge.Id.ToString()), new("Input.Rows[1].Version", fridge.Version.ToString()),
            new("__RequestVerificationToken", token),
        ]);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("不同品类", (await AppClient.ParseAsync(forged)).QuerySelector("[data-testid=bulk-refusal]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await db.WorkOrders.AnyAsync());
    }

    [Fact]
    public async Task Bulk_dispatch_refuses_hostile_input_with_a_message_and_is_for_dispatch_only()
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        var none = await dispatcher.GetDocumentAsync("/Dispatch/Bulk");
        Assert.NotNull(none.QuerySelector("[data-testid=bulk-refusal]"));
        var many = await dispatcher.GetDocumentAsync(Preview([.. Enumerable.Range(1, 51).Select(i => (long)i)]));
        Assert.Contains("50", many.QuerySelector("[data-testid=bulk-refusal]")!.TextContent, StringComparison.Ordinal);
        using (var junk = await dispatcher.GetAsync("/Dispatch/Bulk?ids=abc&ids=99999999999999999999999&date=9999-99-99"))
        {
            Assert.Equal(HttpStatusCode.OK, junk.StatusCode);
        }

        var page = await dispatcher.GetDocumentAsync(Preview(ticket.Id));
        using var hostile = await ConfirmAsync(dispatcher, page, (name, value) => name switch
        {
            "Input.AppointmentDate" => "0001-01-01",
            _ when name.EndsWith(".TechnicianId", StringComparison.Ordinal) => new string('x', 5000),
            _ when name.EndsWith(".Reason", StringComparison.Ordinal) => "坏\u0007字" + new string('长', 600),
            _ => value,
        });
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await AppClient.ParseAsync(hostile)).QuerySelector("[data-testid=bulk-errors]")?.TextContent));
        Assert.False(await db.WorkOrders.AnyAsync());

        using var desk = await Client().SignedInAsync("desk1");
        using var denied = await desk.GetAsync(Preview(ticket.Id));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}
