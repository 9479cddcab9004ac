using AfterSales.Domain.FollowUps;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.FollowUps;

/// <summary>One technician's week (or the totals row when <see cref="TechnicianId"/> is null).</summary>
public sealed record WeeklyRow(
    string? TechnicianId,
    string Technician,
    int Repairs,
    decimal? AverageWorkingDays,
    decimal Parts,
    decimal Labour,
    decimal Travel,
    int Reached,
    decimal? Attitude,
    decimal? Competence,
    decimal? Speed,
    decimal? Result,
    decimal? Overall,
    int PoorRatings,
    int Complaints)
{
    public decimal TotalCost => Parts + Labour + Travel;
}

/// <summary>
/// The weekly assessment of technicians: repairs completed in the week (Monday to Sunday,
/// company days), average repair time in working days from the ticket's creation to completion, the
/// internal cost of parts, labour and travel, and the customers' opinion from follow-up calls reached that week.
/// </summary>
public sealed class WeeklyReport(ReadDbContext db, CompanyClock clock, WorkCalendar workCalendar)
{
    /// <summary>The Monday of the week holding <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public async Task<IReadOnlyList<WeeklyRow>> BuildAsync(DateOnly monday, CancellationToken cancellationToken)
    {
        var start = clock.StartOfDay(monday);
        var end = clock.StartOfDay(monday.AddDays(7));
        var calendar = await workCalendar.GetAsync(cancellationToken);

        var repairs = await (from w in db.WorkOrders.AsNoTracking()
                             join t in db.Tickets on w.TicketId equals t.Id
                             where w.Status == WorkOrderStatus.Completed && w.CompletedAt >= start && w.CompletedAt < end
                             select new { WorkOrder = w, TicketCreatedAt = t.CreatedAt }).ToListAsync(cancellationToken);
        var calls = await db.FollowUps.AsNoTracking()
            .Where(f => f.Status == FollowUpStatus.Done && f.DoneAt >= start && f.DoneAt < end)
            .ToListAsync(cancellationToken);

        var technicianIds = repairs.Select(r => r.WorkOrder.TechnicianId).Concat(calls.Select(c => c.TechnicianId)).Distinct().ToList();
        var names = await TechnicianNames.LoadAsync(db, technicianIds, cancellationToken);

        WeeklyRow Row(string? id, string name, IReadOnlyCollection<WorkOrder> done, IReadOnlyCollection<DateTimeOffset> created, IReadOnlyCollection<FollowUp> reached)
        {
            var days = done.Zip(created, (w, c) => calendar.WorkingDaysBetween(Day(c), Day(w.CompletedAt!.Value))).ToList();
            var costs = done.Select(w => w.Charges(inWarranty: true, acceptedQuote: null)).ToList();
            return new WeeklyRow(
                id,
                name,
                done.Count,
                days.Count == 0 ? null : Math.Round((decimal)days.Average(), 1),
                costs.Sum(c => c.Parts),
                costs.Sum(c => c.Labour),
                costs.Sum(c => c.Travel),
                reached.Count,
                Mean(reached.Select(f => f.Attitude)),
                Mean(reached.Select(f => f.Competence)),
                Mean(reached.Select(f => f.Speed)),
                Mean(reached.Select(f => f.Result)),
                Mean(reached.SelectMany(f => new[] { f.Attitude, f.Competence, f.Speed, f.Result })),
                reached.Sum(f => new[] { f.Attitude, f.Competence, f.Speed, f.Result }.Count(s => s == Satisfaction.Poor)),
                reached.Count(f => f.ComplaintTicketId is not null));
        }

        var rows = technicianIds
            .Select(id =>
            {
                var mine = repairs.Where(r => r.WorkOrder.TechnicianId == id).ToList();
                return Row(id, names.GetValueOrDefault(id, id), [.. mine.Select(r => r.WorkOrder)], [.. mine.Select(r => r.TicketCreatedAt)], [.. calls.Where(c => c.TechnicianId == id)]);
            })
            .OrderBy(r => r.Technician, StringComparer.Ordinal)
            .ToList();
        rows.Add(Row(null, "", [.. repairs.Select(r => r.WorkOrder)], [.. repairs.Select(r => r.TicketCreatedAt)], calls));
        return rows;
    }

    private DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(clock.ToLocal(instant).DateTime);

    private static decimal? Mean(IEnumerable<Satisfaction?> scores)
    {
        var values = scores.OfType<Satisfaction>().Select(s => (decimal)(int)s).ToList();
        return values.Count == 0 ? null : Math.Round(values.Average(), 2);
    }
}
