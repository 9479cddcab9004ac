using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Dispatch;

/// <summary>Tickets waiting for a visit and the technicians who can take an air-conditioner (AC) job, straight from the real database.</summary>
public static class DispatchData
{
    public const string Skill = "AC";

    private static int _serial;

    /// <summary>An in-warranty air-conditioner repair ticket, status New.</summary>
    public static async Task<Ticket> AcTicketAsync(AfterSalesDbContext db, Urgency urgency = Urgency.Normal, string? phone = null)
    {
        var n = Interlocked.Increment(ref _serial);
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "派工客户" + n, phone ?? "1370000" + n.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), "KF2026-9" + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture), TestData.Today.AddMonths(-2));
        return await TestData.TicketAsync(db, customer, unit, urgency: urgency);
    }

    /// <summary>Technicians with the AC skill in rotation order: (user id, user name, position).</summary>
    public static async Task<List<(string Id, string UserName, int Position)>> AcTechniciansAsync(AfterSalesDbContext db) =>
        (await (from p in db.TechnicianProfiles
                join u in db.Users on p.TechnicianId equals u.Id
                where p.Skills.Contains(Skill) && !u.IsDisabled
                orderby p.Position
                select new { p.TechnicianId, u.UserName, p.Position }).ToListAsync())
            .Select(x => (x.TechnicianId, x.UserName!, x.Position)).ToList();

    /// <summary>Gives a technician <paramref name="count"/> open work orders, each on a ticket of its own.</summary>
    public static async Task OpenJobsAsync(AfterSalesDbContext db, string technicianId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var ticket = await AcTicketAsync(db);
            ticket.Assign(technicianId, DateTimeOffset.UtcNow);
            db.WorkOrders.Add(WorkOrder.Create(ticket.Id, technicianId, TestData.Today, TimeSlot.Morning, DateTimeOffset.UtcNow, "dispatch1"));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// <paramref name="count"/> waiting tickets in one statement, copies of one real ticket made through the
    /// domain: the i-th is logged i × 7 minutes before <paramref name="newest"/>, every third one is a
    /// refrigerator (FR) and the rest air conditioners; urgency: every 100th an emergency, every 10th high, every
    /// 7th low, the others normal. Returns the ids, newest first.
    /// </summary>
    public static async Task<List<long>> WaitingTicketsAsync(AfterSalesDbContext db, int count, DateTimeOffset newest)
    {
        var template = await AcTicketAsync(db);
        var fridge = await TestData.ModelAsync(db, "BCD-470");
        var columns = await db.Database.SqlQueryRaw<string>(
                "select column_name as \"Value\" from information_schema.columns where table_schema = 'public' and table_name = 'tickets' order by ordinal_position")
            .ToListAsync();
        string Value(string column) => column switch
        {
            "id" => IdSql,
            "number" => "'SR-BULK-' || lpad(g::text, 6, '0')",
            "intake_key" => "null",
            "created_at" => "{1}::timestamptz - make_interval(mins => g * 7)",
            "urgency" => "case when g % 100 = 0 then 'Emergency' when g % 10 = 0 then 'High' when g % 7 = 0 then 'Low' else 'Normal' end",
            "product_model_id" => "case when g % 3 = 0 then {2} else t.product_model_id end",
            _ => "t." + column,
        };
        var sql = $"insert into tickets ({string.Join(", ", columns)}) select {string.Join(", ", columns.Select(Value))} from tickets t cross join generate_series(1, {{0}}) g where t.id = {{3}}";
        await db.Database.ExecuteSqlRawAsync(sql, count, newest, fridge.Id, template.Id);
        await db.Tickets.Where(t => t.Id == template.Id).ExecuteDeleteAsync();
        await db.Database.ExecuteSqlRawAsync("analyze tickets");
        return await db.Tickets.Where(t => t.Number.StartsWith("SR-BULK-")).OrderByDescending(t => t.CreatedAt).Select(t => t.Id).ToListAsync();
    }

    /// <summary>Open work orders for the given tickets in one statement, copies of one real work order; every other one has a repair deadline <c>i % 20 - 15</c> days from today (some overdue), the rest none.</summary>
    public static async Task OpenWorkOrdersAsync(AfterSalesDbContext db, IReadOnlyList<long> ticketIds)
    {
        var tech = (await AcTechniciansAsync(db))[0];
        var ticket = await AcTicketAsync(db);
        ticket.Assign(tech.Id, DateTimeOffset.UtcNow);
        var template = WorkOrder.Create(ticket.Id, tech.Id, TestData.Today, TimeSlot.Morning, DateTimeOffset.UtcNow, "dispatch1");
        db.WorkOrders.Add(template);
        await db.SaveChangesAsync();
        var columns = await db.Database.SqlQueryRaw<string>(
                "select column_name as \"Value\" from information_schema.columns where table_schema = 'public' and table_name = 'work_orders' order by ordinal_position")
            .ToListAsync();
        string Value(string column) => column switch
        {
            "id" => IdSql,
            "ticket_id" => "x.id",
            "deadline" or "original_deadline" => "case when x.i::int % 2 = 0 then {1}::date + (x.i::int % 20 - 15) end",
            "clock_started_on" => "case when x.i::int % 2 = 0 then {1}::date - 30 end",
            "clock_kind" => "case when x.i::int % 2 = 0 then 'PartsReplacement' end",
            "appointment_date" => "{1}::date + (x.i::int % 5)",
            _ => "w." + column,
        };
        var sql = $"insert into work_orders ({string.Join(", ", columns)}) select {string.Join(", ", columns.Select(Value))} from work_orders w cross join unnest({{0}}::bigint[]) with ordinality as x(id, i) where w.id = {{2}}";
        await db.Database.ExecuteSqlRawAsync(sql, ticketIds.ToArray(), TestData.Today, template.Id);
        await db.Database.ExecuteSqlRawAsync("analyze work_orders");
    }

    /// <summary>A fresh id per row: each takes a block of the HiLo sequence, so none meets an id the app hands out.</summary>
    private const string IdSql = "nextval('\"" + AfterSalesDbContext.IdSequence + "\"')";

    public static DispatchService Service(AppFixture app, AfterSalesDbContext db) =>
        new(db, new WorkCalendar(db), app.Factory.Services.GetRequiredService<CompanyClock>());

    public static async Task<int> PointerAsync(AfterSalesDbContext db) =>
        await db.RotationPointers.AsNoTracking().Where(p => p.Skill == Skill).Select(p => (int?)p.LastPosition).FirstOrDefaultAsync() ?? 0;

    public static AvailabilityEntry Absent(string technicianId, AvailabilityKind kind) =>
        new(technicianId, TestData.Today.AddDays(-1), TestData.Today.AddDays(10), kind, "测试");
}
