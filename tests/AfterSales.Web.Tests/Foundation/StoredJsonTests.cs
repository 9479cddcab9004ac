using System.Text.Json.Nodes;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Tests.Infrastructure;
using AfterSales.Web.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// Value objects kept in jsonb columns keep one shape whoever writes them: EF's JSON mapping, the bulk seeding
/// (<see cref="StoredJson"/>), and every row written before EF mapped them (camelCase names, enums by name).
/// </summary>
public sealed class StoredJsonTests(AppFixture app) : AppTest(app)
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 2, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public async Task A_ticket_saved_by_ef_stores_its_value_objects_in_the_shape_the_seeding_writes()
    {
        var ticket = await QuotedAndConsentedTicketAsync();

        await using var db = App.NewDbContext();
        var stored = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticket.Id);
        Assert.Equal(ticket.QuoteLines, stored.QuoteLines);
        Assert.Equal(ticket.Consent, stored.Consent);
        Assert.Equal(ticket.RepeatCalls, stored.RepeatCalls);

        // Compared by PostgreSQL's jsonb equality (key order and number spelling aside), computed members left out.
        Assert.True(await SameJsonAsync(db, "tickets", "quote_lines", ticket.Id, StoredJson.Serialize(ticket.QuoteLines.ToList()), "total"));
        Assert.True(await SameJsonAsync(db, "tickets", "consent", ticket.Id, StoredJson.Serialize(ticket.Consent)));
        Assert.True(await SameJsonAsync(db, "tickets", "repeat_calls", ticket.Id, StoredJson.Serialize(ticket.RepeatCalls.ToList())));
        Assert.True(await SameJsonAsync(db, "tickets", "warranty_reasons", ticket.Id, StoredJson.Serialize(ticket.WarrantyReasons.ToList())));
        var kinds = await db.Database.SqlQuery<string>($"SELECT l->>'kind' AS \"Value\" FROM tickets t, jsonb_array_elements(t.quote_lines) l WHERE t.id = {ticket.Id}").ToListAsync();
        Assert.Equal(["Part", "Labour"], kinds);
    }

    [Fact]
    public async Task Rows_written_in_the_stored_shape_before_the_mapping_read_back_unchanged()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000091");
        PartLine[] parts = [new("P-100", "压缩机电容", 2, 35.50m, true), new("P-200", "四通阀", 1, 180m, false, AgreedExtra: true)];
        ExtraServiceLine[] extras = [ExtraServiceLine.Create("清洗保养", 120m, 20m)];
        RepairClockExtension[] extensions = [new(TestData.Today, TestData.Today.AddDays(5), new CustomerNotification("tech1", At, "配件延迟"), TestData.Today)];
        AppointmentChange[] changes = [new(TestData.Today, TimeSlot.Morning, TestData.Today.AddDays(1), TimeSlot.Evening, "下雨", true, "desk1", At)];
        RepeatCall[] calls = [new(At.AddTicks(1234567), "desk1", "再次催修", Guid.NewGuid())];

        await using (var db = App.NewDbContext())
        {
            // As the value converter (and the seeding) wrote them: computed members included, ticks to 100 ns.
            var (p, e, x, a, c) = (StoredJson.Serialize(parts), StoredJson.Serialize(extras), StoredJson.Serialize(extensions), StoredJson.Serialize(changes), StoredJson.Serialize(calls));
            Assert.Contains("\"amount\":71.00", p, StringComparison.Ordinal);
            await db.Database.ExecuteSqlAsync($"UPDATE work_orders SET parts = {p}::jsonb, extra_services = {e}::jsonb, clock_extensions = {x}::jsonb, appointment_changes = {a}::jsonb WHERE id = {order.WorkOrderId}");
            await db.Database.ExecuteSqlAsync($"UPDATE tickets SET repeat_calls = {c}::jsonb WHERE id = {order.TicketId}");
        }

        await using var read = App.NewDbContext();
        var workOrder = await read.WorkOrders.SingleAsync(w => w.Id == order.WorkOrderId);
        Assert.Equal(parts, workOrder.Parts);
        Assert.Equal(extras, workOrder.ExtraServices);
        Assert.Equal(extensions, workOrder.Extensions);
        Assert.Equal(changes, workOrder.AppointmentChanges);
        Assert.Equal(calls, (await read.Tickets.SingleAsync(t => t.Id == order.TicketId)).RepeatCalls);

        // Read as stored, nothing to save.
        read.ChangeTracker.DetectChanges();
        Assert.False(read.ChangeTracker.HasChanges());
    }

    [Fact]
    public async Task The_audit_trail_records_a_quote_and_a_consent_old_and_new_as_stored()
    {
        var ticket = await QuotedAndConsentedTicketAsync();

        await using var db = App.NewDbContext();
        var key = ticket.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.EntityName == "Ticket" && a.EntityKey == key).OrderBy(a => a.Id).Select(a => a.Changes).ToListAsync();

        var changes = rows.Select(r => JsonNode.Parse(r)!.AsObject()).ToList();
        var lines = changes.First(c => c["_quoteLines"]?["old"] is not null)["_quoteLines"]!;
        Assert.Empty(lines["old"]!.AsArray());
        Assert.Equal(["压缩机", "工时"], lines["new"]!.AsArray().Select(l => (string?)l!["description"]));
        Assert.Equal("Part", (string?)lines["new"]![0]!["kind"]);

        var consent = changes.Last(c => c.ContainsKey("Consent"))["Consent"]!;
        Assert.Null(consent["old"]);

        // The ticket's timeline reads the value back as the consent it was.
        Assert.Equal(ticket.Consent, StoredJson.Deserialize<Consent?>(consent["new"]!.ToJsonString()));

        // A repeat call changes the list: old and new as stored.
        var calls = changes.Last(c => c["_repeatCalls"]?["old"] is not null)["_repeatCalls"]!;
        Assert.Empty(calls["old"]!.AsArray());
        Assert.Equal("再次催修", (string?)calls["new"]![0]!["note"]);
    }

    /// <summary>An out-of-warranty ticket quoted, accepted by phone and called about again, saved step by step.</summary>
    private async Task<Ticket> QuotedAndConsentedTicketAsync()
    {
        await using var db = App.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "赵先生", "13700000092", "KF2001-0092", TestData.Today.AddYears(-5));
        var ticket = await TestData.TicketAsync(db, customer, unit);
        ticket.RequestQuote();
        ticket.RecordQuote(new Quote([new QuoteLine(QuoteLineKind.Part, "压缩机", "P-9", 1m, 1234.56m), new QuoteLine(QuoteLineKind.Labour, "工时", null, 1.5m, 80m)]), At, "desk1");
        await db.SaveChangesAsync();
        ticket.RecordConsent(ConsentMethod.Phone, true, "desk1", At.AddMinutes(5), "电话确认");
        await db.SaveChangesAsync();
        ticket.RecordRepeatCall(At.AddMinutes(10), "desk1", "再次催修");
        await db.SaveChangesAsync();
        return ticket;
    }

    private static async Task<bool> SameJsonAsync(AfterSalesDbContext db, string table, string column, long id, string expected, params string[] computed)
    {
        var node = JsonNode.Parse(expected)!;
        foreach (var item in node is JsonArray array ? array.Select(i => i!.AsObject()) : [node.AsObject()])
        {
            foreach (var name in computed)
            {
                item.Remove(name);
            }
        }

        var json = node.ToJsonString();
        var sql = $"SELECT {column} = @expected::jsonb AS \"Value\" FROM {table} WHERE id = @id";
        return await db.Database.SqlQueryRaw<bool>(sql, new Npgsql.NpgsqlParameter("expected", json), new Npgsql.NpgsqlParameter("id", id)).SingleAsync();
    }
}
