using AfterSales.Domain.Calendar;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.FollowUps;

/// <summary>Completed repairs with their follow-up calls, built through the domain.</summary>
public static class FollowUpData
{
    public static WorkingCalendar Calendar => ChinaPublicHolidays.Calendar;

    /// <summary>A PNG-looking signature: the PNG signature bytes, then padding (the domain checks the header and size).</summary>
    public static byte[] Signature()
    {
        var bytes = new byte[128];
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes, 0);
        return bytes;
    }

    public static async Task<string> UserIdAsync(AppFixture app, string userName)
    {
        await using var db = app.NewDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// A repair ticket opened <paramref name="ticketAge"/> days ago, a work order completed now by <paramref name="technicianId"/>
    /// (parts 85.50, labour 1.5 h × 80, travel 30: 235.50 in all) and its follow-up, completed on <paramref name="completedOn"/>
    /// (default five days ago, so the call is overdue).
    /// </summary>
    public static async Task<(Ticket Ticket, WorkOrder WorkOrder, FollowUp FollowUp)> CompletedRepairAsync(
        AppFixture app, string technicianId, string serial = "KF2001-0101", string phone = "13800000101", DateOnly? completedOn = null, int ticketAge = 3, Action<FollowUp>? calls = null)
    {
        await using var db = app.NewDbContext();
        var now = DateTimeOffset.UtcNow;

        // The work is done "a few hours ago" and still this week, also just after Monday midnight in Shanghai.
        var weekStart = new DateTimeOffset(AfterSales.Web.Infrastructure.FollowUps.WeeklyReport.MondayOf(TestData.Today).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        if (now.AddHours(-5) < weekStart)
        {
            now = weekStart.AddHours(6);
        }

        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "王女士", phone, serial, TestData.Today.AddMonths(-3));
        var ticket = await TestData.TicketAsync(db, customer, unit, "空调不制冷", at: now.AddDays(-ticketAge));
        var workOrder = WorkOrder.Create(ticket.Id, technicianId, TestData.Today, TimeSlot.Morning, now.AddHours(-5), "dispatch1");
        workOrder.Accept(now.AddHours(-4));
        workOrder.Arrive(now.AddHours(-3), unitComplete: true, null);
        workOrder.Diagnose("压缩机启动电容损坏", humanDamage: false, now.AddHours(-2));
        workOrder.AddPart(new PartLine("C-35UF", "压缩机电容", 1, 85.50m, HandedToCustomer: true));
        workOrder.RecordLabour(1.5m, 80m, 30m, "打车");
        workOrder.Complete("王女士", Signature(), "师傅很认真", now.AddHours(-1));

        // History as built: the follow-up below is this repair's, not one added by the completion's event.
        workOrder.ClearDomainEvents();
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync();

        var followUp = FollowUp.ForCompletedRepair(ticket.Id, workOrder.Id, technicianId, completedOn ?? TestData.Today.AddDays(-5), Calendar);
        calls?.Invoke(followUp);
        db.FollowUps.Add(followUp);
        await db.SaveChangesAsync();
        return (ticket, workOrder, followUp);
    }

    public static async Task<FollowUp> ReloadAsync(AppFixture app, long id)
    {
        await using var db = app.NewDbContext();
        return await db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == id);
    }

    public static string V(uint version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
