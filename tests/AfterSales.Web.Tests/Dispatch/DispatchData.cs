using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatching;
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

    public static DispatchService Service(AppFixture app, AfterSalesDbContext db) =>
        new(db, new WorkCalendar(db), app.Factory.Services.GetRequiredService<CompanyClock>());

    public static async Task<int> PointerAsync(AfterSalesDbContext db) =>
        await db.RotationPointers.AsNoTracking().Where(p => p.Skill == Skill).Select(p => (int?)p.LastPosition).FirstOrDefaultAsync() ?? 0;

    public static AvailabilityEntry Absent(string technicianId, AvailabilityKind kind) =>
        new(technicianId, TestData.Today.AddDays(-1), TestData.Today.AddDays(10), kind, "测试");
}
