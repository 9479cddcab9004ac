using System.Globalization;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// What the dispatcher's board reads, one section at a time: tickets waiting for a visit (emergencies first,
/// then oldest; filtered), each technician's load today, open work orders by repair deadline (or only the overdue
/// ones). Every section pages by keyset on an index that matches its order; totals come from kept counters or an
/// index-only count.
/// </summary>
/// <param name="filter">The cleaned filter (<see cref="BoardFilter.Clean"/>).</param>
/// <param name="view">The section shown (<see cref="IndexModel.WaitingView"/> …).</param>
public sealed class BoardQuery(ReadDbContext db, CompanyClock clock, BoardFilter filter, IReadOnlyList<CategoryName> categories, DateOnly onDay, string view)
{
    public const int PageSize = IndexModel.PageSize;

    /// <summary>The board's day (the company's today).</summary>
    public DateOnly Today { get; } = onDay;

    public sealed record WaitingTicket(long Id, string Number, string Customer, string? Model, string? Category, Urgency Urgency, WarrantyStatus Warranty, TicketStatus Status, DateTimeOffset CreatedAt, DateOnly? Deadline, int? DaysLeft);

    public sealed record TechnicianLoad(string Id, string Name, string UserName, int Position, IReadOnlyList<string> Skills, int OpenJobs, int Limit, int AppointmentsToday, TechnicianStatusToday Status);

    public sealed record OpenWorkOrder(long Id, long TicketId, string TicketNumber, string Technician, WorkOrderStatus Status, DateOnly AppointmentDate, TimeSlot Slot, DateOnly? Deadline, int? DaysLeft, RepairClockState? ClockState);

    /// <summary>A page of a section and the cursor of the next one (null on the last page).</summary>
    public sealed record Page<T>(IReadOnlyList<T> Rows, string? NextCursor);

    private sealed record WaitingRow(long Id, string Number, string Customer, string? Model, long? CategoryId, Urgency Urgency, WarrantyStatus Warranty, TicketStatus Status, DateTimeOffset CreatedAt);

    private sealed record OrderRow(long Id, long TicketId, string Number, string TechnicianId, WorkOrderStatus Status, DateOnly AppointmentDate, TimeSlot Slot, DateOnly? Deadline);

    public Task<int> OverdueTotalAsync(CancellationToken cancellationToken) =>
        db.WorkOrders.CountAsync(w => w.Status != WorkOrderStatus.Completed && w.Deadline < Today, cancellationToken);

    public Task<int> TechnicianTotalAsync(CancellationToken cancellationToken) => Profiles().CountAsync(cancellationToken);

    // ---- Waiting tickets -------------------------------------------------------------------------------

    private IQueryable<Ticket> WaitingTickets()
    {
        var query = db.Tickets.AsNoTracking().Where(WaitingVisits.Dispatchable)
            .Where(t => !db.WorkOrders.Any(w => w.TicketId == t.Id && w.Status != WorkOrderStatus.Completed));
        if (filter.Urgency is { } urgency)
        {
            query = query.Where(t => t.Urgency == urgency);
        }

        if (filter.Warranty is { } warranty)
        {
            query = query.Where(t => t.WarrantyStatus == warranty);
        }

        if (_categoryModels is { } models)
        {
            query = query.Where(t => t.ProductModelId != null && models.Contains(t.ProductModelId.Value));
        }
        else if (CategoryId is { } categoryId)
        {
            query = query.Where(t => db.ProductModels.Any(m => m.Id == t.ProductModelId && m.CategoryId == categoryId));
        }

        if (filter.Age is { } age)
        {
            var before = clock.StartOfDay(Today.AddDays(1 - Math.Min(age, 3650)));
            query = query.Where(t => t.CreatedAt < before);
        }

        if (filter.From is { } from)
        {
            var start = clock.StartOfDay(from);
            query = query.Where(t => t.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = clock.StartOfDay(to.AddDays(1));
            query = query.Where(t => t.CreatedAt < end);
        }

        // Part of a ticket number: 3+ characters are looked up in ix_tickets_number_trgm (only the tickets holding it
        // are read); shorter ones are checked along the waiting index, which carries the number.
        if (filter.Q is { } q)
        {
            var pattern = "%" + LikePattern.Escape(q.ToUpperInvariant()) + "%";
            query = query.Where(t => EF.Functions.Like(t.Number, pattern, "\\"));
        }

        return query;
    }

    /// <summary>The product category the board is narrowed to, if any (by its code in the filter).</summary>
    public long? CategoryId => filter.Cat is { } code ? categories.First(c => c.Code == code).Id : null;

    private List<long>? _categoryModels;

    /// <summary>
    /// Reads the models of the category the board is narrowed to, so the waiting tickets are filtered by their model
    /// (product_model_id = ANY(…), carried by ix_tickets_waiting) rather than through a join the planner misjudges: it
    /// took the category for one model and sorted every waiting ticket of it (~250 ms a page at 152,040 waiting).
    /// </summary>
    public async Task NarrowAsync(CancellationToken cancellationToken)
    {
        if (CategoryId is { } categoryId)
        {
            _categoryModels = await db.ProductModels.AsNoTracking().Where(m => m.CategoryId == categoryId).Select(m => m.Id).ToListAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The waiting section's true total per urgency: unfiltered or by urgency and category only, the database's
    /// counters (<paramref name="counted"/>, from WaitingCounters, for the category when there is one); with any
    /// other filter, counted on ix_tickets_waiting alone (it carries the columns the filters test).
    /// </summary>
    public async Task<IReadOnlyDictionary<Urgency, int>> CountWaitingAsync(IReadOnlyDictionary<Urgency, int> counted, CancellationToken cancellationToken)
    {
        if (filter is { Warranty: null, Age: null, From: null, To: null, Q: null })
        {
            return filter.Urgency is { } only ? counted.Where(c => c.Key == only).ToDictionary() : counted;
        }

        return await WaitingTickets().GroupBy(t => t.Urgency).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>
    /// One keyset segment per urgency, most urgent first; inside a segment (created_at, id) ascending on
    /// ix_tickets_waiting. A page that ends a segment continues with the next one.
    /// </summary>
    public async Task<Page<WaitingTicket>> WaitingAsync(WorkingCalendar calendar, IReadOnlyDictionary<Urgency, int> byUrgency, CancellationToken cancellationToken)
    {
        var cursor = view == IndexModel.WaitingView ? WaitingCursor.Parse(filter.After) : null;
        var rows = new List<WaitingRow>();
        var started = cursor is null;
        foreach (var urgency in WaitingVisits.UrgencyOrder)
        {
            if (!started && urgency != cursor!.Urgency)
            {
                continue;
            }

            var after = started ? null : cursor;
            started = true;
            if (rows.Count > PageSize || byUrgency.GetValueOrDefault(urgency) == 0)
            {
                continue;
            }

            var segment = WaitingTickets().Where(t => t.Urgency == urgency);
            if (after is not null)
            {
                var (at, id) = (after.CreatedAt, after.Id);
                segment = segment.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(at, id)));
            }

            rows.AddRange(await (from t in segment.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Take(PageSize + 1 - rows.Count)
                                 join c in db.Customers on t.CustomerId equals c.Id
                                 from m in db.ProductModels.Where(m => m.Id == t.ProductModelId).DefaultIfEmpty()
                                 orderby t.CreatedAt, t.Id
                                 select new WaitingRow(t.Id, t.Number, c.Name, m == null ? null : m.Code + " · " + m.Name, m == null ? null : m.CategoryId, t.Urgency, t.WarrantyStatus, t.Status, t.CreatedAt))
                .ToListAsync(cancellationToken));
        }

        string? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = WaitingCursor.Format(rows[^1].Urgency, rows[^1].CreatedAt, rows[^1].Id);
        }

        // A ticket back in the queue after an unfinished visit keeps its repair clock: show its deadline.
        var ids = rows.Select(w => w.Id).ToList();
        var deadlines = (await db.WorkOrders.AsNoTracking()
                .Where(w => ids.Contains(w.TicketId) && w.Deadline != null)
                .Select(w => new { w.TicketId, w.Deadline, w.AssignedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(w => w.TicketId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.AssignedAt).First().Deadline);
        var names = categories.ToDictionary(c => c.Id, c => c.Name);
        return new Page<WaitingTicket>([.. rows.Select(w =>
        {
            var deadline = deadlines.GetValueOrDefault(w.Id);
            return new WaitingTicket(w.Id, w.Number, w.Customer, w.Model, w.CategoryId is { } k ? names.GetValueOrDefault(k) : null, w.Urgency, w.Warranty, w.Status, w.CreatedAt, deadline, deadline is { } d ? calendar.WorkingDaysBetween(Today, d) : null);
        })], next);
    }

    /// <summary>The waiting section's cursor: urgency segment, creation instant (ticks) and id of the last row shown.</summary>
    public sealed record WaitingCursor(Urgency Urgency, DateTimeOffset CreatedAt, long Id)
    {
        public static string Format(Urgency urgency, DateTimeOffset at, long id) =>
            string.Create(CultureInfo.InvariantCulture, $"{urgency}.{at.UtcTicks}.{id}");

        public static WaitingCursor? Parse(string? value) =>
            value?.Split('.') is [var u, var ticks, var key]
                && Enum.TryParse<Urgency>(u, ignoreCase: false, out var urgency) && Enum.IsDefined(urgency) && !u.Any(char.IsDigit)
                && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t >= 0 && t <= DateTimeOffset.MaxValue.UtcTicks
                && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new WaitingCursor(urgency, new DateTimeOffset(t, TimeSpan.Zero), id)
                : null;
    }

    // ---- Technicians' load -----------------------------------------------------------------------------

    private IQueryable<Domain.Dispatch.TechnicianProfile> Profiles()
    {
        var query = from p in db.TechnicianProfiles.AsNoTracking()
                    join u in db.Users on p.TechnicianId equals u.Id
                    where !u.IsDisabled
                    select p;
        if (view == IndexModel.LoadView && filter.Cat is { } code)
        {
            query = query.Where(p => p.Skills.Contains(code));
        }

        return query;
    }

    /// <summary>Technicians in rotation order, a page at a time; their open jobs and today's visits in one grouped read (ix_work_orders_open_technician).</summary>
    public async Task<Page<TechnicianLoad>> TechniciansAsync(CancellationToken cancellationToken)
    {
        var query = from p in Profiles()
                    join u in db.Users on p.TechnicianId equals u.Id
                    select new { p.TechnicianId, u.FullName, u.UserName, p.Position, p.Skills, p.OpenJobLimit };
        if (int.TryParse(filter.After, NumberStyles.None, CultureInfo.InvariantCulture, out var afterPosition))
        {
            query = query.Where(p => p.Position > afterPosition);
        }

        var users = await query.OrderBy(p => p.Position).Take(PageSize + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (users.Count > PageSize)
        {
            users.RemoveAt(PageSize);
            next = users[^1].Position.ToString(CultureInfo.InvariantCulture);
        }

        var today = Today;
        var ids = users.Select(u => u.TechnicianId).ToList();
        var open = await db.WorkOrders.AsNoTracking()
            .Where(w => w.Status != WorkOrderStatus.Completed && ids.Contains(w.TechnicianId))
            .GroupBy(w => w.TechnicianId)
            .Select(g => new { g.Key, Count = g.Count(), Today = g.Count(w => w.AppointmentDate == today) })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var absences = await db.Availability.AsNoTracking().Where(a => ids.Contains(a.TechnicianId) && a.From <= today && today <= a.To).ToListAsync(cancellationToken);
        return new Page<TechnicianLoad>([.. users.Select(u => new TechnicianLoad(
            u.TechnicianId,
            u.FullName,
            u.UserName ?? "",
            u.Position,
            [.. u.Skills.Select(s => categories.Of(s))],
            open.GetValueOrDefault(u.TechnicianId)?.Count ?? 0,
            u.OpenJobLimit,
            open.GetValueOrDefault(u.TechnicianId)?.Today ?? 0,
            StatusOf(absences.Where(a => a.TechnicianId == u.TechnicianId))))], next);
    }

    public static TechnicianStatusToday StatusOf(IEnumerable<AvailabilityEntry> entries)
    {
        var list = entries.ToList();
        return list.Any(a => a.Kind == AvailabilityKind.Leave) ? TechnicianStatusToday.OnLeave
            : list.Any(a => a.Kind == AvailabilityKind.OffDuty) ? TechnicianStatusToday.OffDuty
            : TechnicianStatusToday.Available;
    }

    // ---- Open work orders ------------------------------------------------------------------------------

    /// <summary>
    /// Open work orders: those with a repair clock by deadline (ix_work_orders_open_deadline), then the others
    /// by appointment date (ix_work_orders_open_unclocked); only the columns shown are read. The overdue list
    /// is the start of the first segment (deadline before today).
    /// </summary>
    public async Task<Page<OpenWorkOrder>> OrdersAsync(WorkingCalendar calendar, bool overdueOnly, CancellationToken cancellationToken)
    {
        var cursor = OrderCursor.Parse(filter.After);
        var rows = new List<OrderRow>();
        var today = Today;
        if (cursor is null || cursor.Clocked)
        {
            var clocked = db.WorkOrders.AsNoTracking().Where(w => w.Status != WorkOrderStatus.Completed && w.Deadline != null);
            if (overdueOnly)
            {
                clocked = clocked.Where(w => w.Deadline < today);
            }

            if (cursor is not null)
            {
                var (day, id) = (cursor.Day, cursor.Id);
                clocked = clocked.Where(w => EF.Functions.GreaterThan(ValueTuple.Create(w.Deadline, w.Id), ValueTuple.Create((DateOnly?)day, id)));
            }

            rows.AddRange(await Project(clocked.OrderBy(w => w.Deadline).ThenBy(w => w.Id), PageSize + 1).ToListAsync(cancellationToken));
        }

        if (!overdueOnly && rows.Count <= PageSize)
        {
            var unclocked = db.WorkOrders.AsNoTracking().Where(w => w.Status != WorkOrderStatus.Completed && w.Deadline == null);
            if (cursor is { Clocked: false })
            {
                var (day, id) = (cursor.Day, cursor.Id);
                unclocked = unclocked.Where(w => EF.Functions.GreaterThan(ValueTuple.Create(w.AppointmentDate, w.Id), ValueTuple.Create(day, id)));
            }

            rows.AddRange(await Project(unclocked.OrderBy(w => w.AppointmentDate).ThenBy(w => w.Id), PageSize + 1 - rows.Count).ToListAsync(cancellationToken));
        }

        string? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            var last = rows[^1];
            next = last.Deadline is { } d ? OrderCursor.Format(true, d, last.Id) : OrderCursor.Format(false, last.AppointmentDate, last.Id);
        }

        var technicianIds = rows.Select(r => r.TechnicianId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => technicianIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName.Length > 0 ? u.FullName : u.UserName ?? u.Id, cancellationToken);
        return new Page<OpenWorkOrder>([.. rows.Select(r => new OpenWorkOrder(
            r.Id,
            r.TicketId,
            r.Number,
            names.GetValueOrDefault(r.TechnicianId, r.TechnicianId),
            r.Status,
            r.AppointmentDate,
            r.Slot,
            r.Deadline,
            r.Deadline is { } d ? calendar.WorkingDaysBetween(today, d) : null,
            r.Deadline is { } deadline ? RepairClock.StateOf(deadline, today, calendar) : null))], next);
    }

    private IQueryable<OrderRow> Project(IQueryable<WorkOrder> ordered, int take) =>
        from w in ordered.Take(take)
        join t in db.Tickets on w.TicketId equals t.Id
        orderby w.Deadline == null, w.Deadline, w.AppointmentDate, w.Id
        select new OrderRow(w.Id, w.TicketId, t.Number, w.TechnicianId, w.Status, w.AppointmentDate, w.AppointmentSlot, w.Deadline);

    /// <summary>The open work orders' cursor: segment (c = with a repair clock, a = by appointment), date, id.</summary>
    public sealed record OrderCursor(bool Clocked, DateOnly Day, long Id)
    {
        public static string Format(bool clocked, DateOnly day, long id) =>
            string.Create(CultureInfo.InvariantCulture, $"{(clocked ? "c" : "a")}.{day.DayNumber}.{id}");

        public static OrderCursor? Parse(string? value) =>
            value?.Split('.') is [var segment and ("c" or "a"), var day, var key]
                && int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= DateOnly.MaxValue.DayNumber
                && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new OrderCursor(segment == "c", DateOnly.FromDayNumber(n), id)
                : null;
    }
}
