using System.Globalization;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// The dispatcher's board, one section at a time so the page stays short: tickets waiting for a visit
/// (emergencies first, then oldest; filtered by category, urgency, warranty, age, dates and ticket number),
/// each technician's load today, open work orders by repair deadline, and for managers the overdue ones.
/// Every section pages by keyset on an index that matches its order and shows its true total.
/// </summary>
public sealed class IndexModel(ReadDbContext db, WorkCalendar workCalendar, CompanyClock clock, IValidator<IndexModel.Filter> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    public const string WaitingView = "waiting";
    public const string LoadView = "load";
    public const string OrdersView = "orders";
    public const string OverdueView = "overdue";

    /// <summary>Longest text the ticket-number search accepts.</summary>
    public const int MaxSearchLength = 40;

    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    /// <summary>The board's query string (all optional): which section, its filters and where its page starts.</summary>
    public sealed record Filter
    {
        public string? View { get; init; }

        /// <summary>Product category code (chosen by name).</summary>
        public string? Cat { get; init; }

        public Urgency? Urgency { get; init; }

        public WarrantyStatus? Warranty { get; init; }

        /// <summary>Waiting at least this many days.</summary>
        public int? Age { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }

        /// <summary>Part of a ticket number.</summary>
        public string? Q { get; init; }

        /// <summary>Keyset cursor of the shown section: the last row of the previous page.</summary>
        public string? After { get; init; }

        /// <summary>Page number shown to the reader (the cursor does the work).</summary>
        public int? Page { get; init; }
    }

    public sealed class Validator : AbstractValidator<Filter>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(f => f.Q).MaximumLength(MaxSearchLength).WithMessage(_ => l["Validation.TooLong", MaxSearchLength])
                .Must(q => q is null || !q.Any(char.IsControl)).WithMessage(_ => l["Board.BadText"]);
            RuleFor(f => f.Cat).MaximumLength(32).WithMessage(_ => l["Board.UnknownCategory"])
                .Must(c => c is null || !c.Any(char.IsControl)).WithMessage(_ => l["Board.UnknownCategory"]);
            RuleFor(f => f.Age).InclusiveBetween(0, 3650).WithMessage(_ => l["Board.AgeRange", 0, 3650]);
            RuleFor(f => f.From).InclusiveBetween(EarliestDate, LatestDate).WithMessage(_ => l["Board.DateRange", Day(EarliestDate), Day(LatestDate)]);
            RuleFor(f => f.To).InclusiveBetween(EarliestDate, LatestDate).WithMessage(_ => l["Board.DateRange", Day(EarliestDate), Day(LatestDate)])
                .Must((f, to) => f.From is null || to is null || to >= f.From).WithMessage(_ => l["Board.ToBeforeFrom"]);
            RuleFor(f => f.Page).InclusiveBetween(1, 1_000_000);
            RuleFor(f => f.After).MaximumLength(80);
            RuleFor(f => f.Urgency).IsInEnum();
            RuleFor(f => f.Warranty).IsInEnum();
        }
    }

    public sealed record WaitingTicket(long Id, string Number, string Customer, string? Model, string? Category, Urgency Urgency, WarrantyStatus Warranty, TicketStatus Status, DateTimeOffset CreatedAt, DateOnly? Deadline, int? DaysLeft);

    public sealed record TechnicianLoad(string Id, string Name, string UserName, int Position, IReadOnlyList<string> Skills, int OpenJobs, int Limit, int AppointmentsToday, TechnicianStatusToday Status);

    public sealed record OpenWorkOrder(long Id, long TicketId, string TicketNumber, string Technician, WorkOrderStatus Status, DateOnly AppointmentDate, TimeSlot Slot, DateOnly? Deadline, int? DaysLeft, RepairClockState? ClockState);

    private sealed record WaitingRow(long Id, string Number, string Customer, string? Model, long? CategoryId, Urgency Urgency, WarrantyStatus Warranty, TicketStatus Status, DateTimeOffset CreatedAt);

    private sealed record OrderRow(long Id, long TicketId, string Number, string TechnicianId, WorkOrderStatus Status, DateOnly AppointmentDate, TimeSlot Slot, DateOnly? Deadline);

    [BindProperty(SupportsGet = true)]
    public Filter F { get; set; } = new();

    public string View { get; private set; } = WaitingView;

    public bool IsManager { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<CategoryName> Categories { get; private set; } = [];

    /// <summary>Filter problems, by field name (F.Q, F.From …), in the user's language; the filter is then left out.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public IReadOnlyList<WaitingTicket> Waiting { get; private set; } = [];

    /// <summary>Waiting tickets matching the filters, per urgency (their sum is the section's true total).</summary>
    public IReadOnlyDictionary<Urgency, int> WaitingByUrgency { get; private set; } = new Dictionary<Urgency, int>();

    public int WaitingTotal { get; private set; }

    public IReadOnlyList<TechnicianLoad> Technicians { get; private set; } = [];

    public int TechnicianTotal { get; private set; }

    public IReadOnlyList<OpenWorkOrder> WorkOrders { get; private set; } = [];

    public int OpenTotal { get; private set; }

    public int OverdueTotal { get; private set; }

    /// <summary>Cursor of the next page of the shown section (null on its last page).</summary>
    public string? NextCursor { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    public bool HasFilters => F.Cat is not null || F.Urgency is not null || F.Warranty is not null || F.Age is not null || F.From is not null || F.To is not null || F.Q is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today;
        IsManager = await this.AllowsAsync(Policies.Manager);
        Categories = await CategoryNames.LoadAsync(db, l, cancellationToken);
        CleanFilter();
        View = F.View switch
        {
            LoadView => LoadView,
            OrdersView => OrdersView,
            OverdueView when IsManager => OverdueView,
            _ => WaitingView,
        };
        PageNumber = F.After is null ? 1 : F.Page ?? 1;
        var calendar = await workCalendar.GetAsync(cancellationToken);

        var (waiting, open) = await WaitingCounters.ReadAsync(db, cancellationToken);
        await CountWaitingAsync(waiting, cancellationToken);
        OpenTotal = open;
        OverdueTotal = await db.WorkOrders.CountAsync(w => w.Status != WorkOrderStatus.Completed && w.Deadline < Today, cancellationToken);
        TechnicianTotal = await Profiles().CountAsync(cancellationToken);

        switch (View)
        {
            case LoadView:
                await LoadTechniciansAsync(cancellationToken);
                break;
            case OrdersView:
            case OverdueView:
                await LoadOrdersAsync(calendar, View == OverdueView, cancellationToken);
                break;
            default:
                await LoadWaitingAsync(calendar, cancellationToken);
                break;
        }

        return Page();
    }

    /// <summary>Keeps only the filters that make sense; the others are named in <see cref="Errors"/> and left out.</summary>
    private void CleanFilter()
    {
        var f = F;
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count > 0 && key is "F.From" or "F.To")
            {
                Errors[key] = l["Validation.Date"];
            }
            else if (entry.Errors.Count > 0 && key is "F.Age")
            {
                Errors[key] = l["Board.AgeRange", 0, 3650];
            }
        }

        ModelState.Clear();
        f = f with
        {
            Q = string.IsNullOrWhiteSpace(f.Q) ? null : f.Q.Trim(),
            Cat = string.IsNullOrWhiteSpace(f.Cat) ? null : f.Cat.Trim(),
            After = string.IsNullOrWhiteSpace(f.After) ? null : f.After,
        };
        foreach (var error in validator.Validate(f).Errors)
        {
            Errors.TryAdd("F." + error.PropertyName, error.ErrorMessage);
            f = error.PropertyName switch
            {
                nameof(Filter.Q) => f with { Q = null },
                nameof(Filter.Cat) => f with { Cat = null },
                nameof(Filter.Age) => f with { Age = null },
                nameof(Filter.From) => f with { From = null },
                nameof(Filter.To) => f with { To = null },
                nameof(Filter.Page) => f with { Page = null },
                nameof(Filter.After) => f with { After = null },
                nameof(Filter.Urgency) => f with { Urgency = null },
                nameof(Filter.Warranty) => f with { Warranty = null },
                _ => f,
            };
        }

        if (f.Cat is not null && Categories.All(c => c.Code != f.Cat))
        {
            Errors["F.Cat"] = l["Board.UnknownCategory"];
            f = f with { Cat = null };
        }

        if (f.Age == 0)
        {
            f = f with { Age = null };
        }

        F = f;
    }

    // ---- Waiting tickets -------------------------------------------------------------------------------

    private IQueryable<Ticket> WaitingTickets()
    {
        var query = db.Tickets.AsNoTracking().Where(WaitingVisits.Dispatchable)
            .Where(t => !db.WorkOrders.Any(w => w.TicketId == t.Id && w.Status != WorkOrderStatus.Completed));
        if (F.Urgency is { } urgency)
        {
            query = query.Where(t => t.Urgency == urgency);
        }

        if (F.Warranty is { } warranty)
        {
            query = query.Where(t => t.WarrantyStatus == warranty);
        }

        if (F.Cat is { } code)
        {
            var categoryId = Categories.First(c => c.Code == code).Id;
            query = query.Where(t => db.ProductModels.Any(m => m.Id == t.ProductModelId && m.CategoryId == categoryId));
        }

        if (F.Age is { } age)
        {
            var before = clock.StartOfDay(Today.AddDays(1 - Math.Min(age, 3650)));
            query = query.Where(t => t.CreatedAt < before);
        }

        if (F.From is { } from)
        {
            var start = clock.StartOfDay(from);
            query = query.Where(t => t.CreatedAt >= start);
        }

        if (F.To is { } to)
        {
            var end = clock.StartOfDay(to.AddDays(1));
            query = query.Where(t => t.CreatedAt < end);
        }

        if (F.Q is { } q)
        {
            var pattern = "%" + LikePattern.Escape(q.ToUpperInvariant()) + "%";
            query = query.Where(t => EF.Functions.Like(t.Number, pattern, "\\"));
        }

        return query;
    }

    /// <summary>
    /// The section's true total per urgency: unfiltered (or by urgency only), the database's counters
    /// (WaitingCounters); with any other filter, counted on ix_tickets_waiting alone (it carries the columns the
    /// filters test).
    /// </summary>
    private async Task CountWaitingAsync(IReadOnlyDictionary<Urgency, int> counted, CancellationToken cancellationToken)
    {
        if (F is { Cat: null, Warranty: null, Age: null, From: null, To: null, Q: null })
        {
            WaitingByUrgency = F.Urgency is { } only ? counted.Where(c => c.Key == only).ToDictionary() : counted;
            WaitingTotal = WaitingByUrgency.Values.Sum();
            return;
        }

        WaitingByUrgency = await WaitingTickets().GroupBy(t => t.Urgency).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        WaitingTotal = WaitingByUrgency.Values.Sum();
    }

    /// <summary>
    /// One keyset segment per urgency, most urgent first; inside a segment (created_at, id) ascending on
    /// ix_tickets_waiting. A page that ends a segment continues with the next one.
    /// </summary>
    private async Task LoadWaitingAsync(WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var cursor = View == WaitingView ? WaitingCursor.Parse(F.After) : null;
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
            if (rows.Count > PageSize || WaitingByUrgency.GetValueOrDefault(urgency) == 0)
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

        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            NextCursor = WaitingCursor.Format(rows[^1].Urgency, rows[^1].CreatedAt, rows[^1].Id);
        }

        // A ticket back in the queue after an unfinished visit keeps its repair clock: show its deadline.
        var ids = rows.Select(w => w.Id).ToList();
        var deadlines = (await db.WorkOrders.AsNoTracking()
                .Where(w => ids.Contains(w.TicketId) && w.Deadline != null)
                .Select(w => new { w.TicketId, w.Deadline, w.AssignedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(w => w.TicketId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.AssignedAt).First().Deadline);
        var categories = Categories.ToDictionary(c => c.Id, c => c.Name);
        Waiting = [.. rows.Select(w =>
        {
            var deadline = deadlines.GetValueOrDefault(w.Id);
            return new WaitingTicket(w.Id, w.Number, w.Customer, w.Model, w.CategoryId is { } k ? categories.GetValueOrDefault(k) : null, w.Urgency, w.Warranty, w.Status, w.CreatedAt, deadline, deadline is { } d ? calendar.WorkingDaysBetween(Today, d) : null);
        })];
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
        if (View == LoadView && F.Cat is { } code)
        {
            query = query.Where(p => p.Skills.Contains(code));
        }

        return query;
    }

    /// <summary>Technicians in rotation order, a page at a time; their open jobs and today's visits in one grouped read (ix_work_orders_open_technician).</summary>
    private async Task LoadTechniciansAsync(CancellationToken cancellationToken)
    {
        var query = from p in Profiles()
                    join u in db.Users on p.TechnicianId equals u.Id
                    select new { p.TechnicianId, u.FullName, u.UserName, p.Position, p.Skills, p.OpenJobLimit };
        if (int.TryParse(F.After, NumberStyles.None, CultureInfo.InvariantCulture, out var afterPosition))
        {
            query = query.Where(p => p.Position > afterPosition);
        }

        var users = await query.OrderBy(p => p.Position).Take(PageSize + 1).ToListAsync(cancellationToken);
        if (users.Count > PageSize)
        {
            users.RemoveAt(PageSize);
            NextCursor = users[^1].Position.ToString(CultureInfo.InvariantCulture);
        }

        var today = Today;
        var ids = users.Select(u => u.TechnicianId).ToList();
        var open = await db.WorkOrders.AsNoTracking()
            .Where(w => w.Status != WorkOrderStatus.Completed && ids.Contains(w.TechnicianId))
            .GroupBy(w => w.TechnicianId)
            .Select(g => new { g.Key, Count = g.Count(), Today = g.Count(w => w.AppointmentDate == today) })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var absences = await db.Availability.AsNoTracking().Where(a => ids.Contains(a.TechnicianId) && a.From <= today && today <= a.To).ToListAsync(cancellationToken);
        Technicians = [.. users.Select(u => new TechnicianLoad(
            u.TechnicianId,
            u.FullName,
            u.UserName ?? "",
            u.Position,
            [.. u.Skills.Select(s => Categories.Of(s))],
            open.GetValueOrDefault(u.TechnicianId)?.Count ?? 0,
            u.OpenJobLimit,
            open.GetValueOrDefault(u.TechnicianId)?.Today ?? 0,
            StatusOf(absences.Where(a => a.TechnicianId == u.TechnicianId))))];
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
    private async Task LoadOrdersAsync(WorkingCalendar calendar, bool overdueOnly, CancellationToken cancellationToken)
    {
        var cursor = OrderCursor.Parse(F.After);
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

        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            var last = rows[^1];
            NextCursor = last.Deadline is { } d ? OrderCursor.Format(true, d, last.Id) : OrderCursor.Format(false, last.AppointmentDate, last.Id);
        }

        var technicianIds = rows.Select(r => r.TechnicianId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => technicianIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName.Length > 0 ? u.FullName : u.UserName ?? u.Id, cancellationToken);
        WorkOrders = [.. rows.Select(r => new OpenWorkOrder(
            r.Id,
            r.TicketId,
            r.Number,
            names.GetValueOrDefault(r.TechnicianId, r.TechnicianId),
            r.Status,
            r.AppointmentDate,
            r.Slot,
            r.Deadline,
            r.Deadline is { } d ? calendar.WorkingDaysBetween(today, d) : null,
            r.Deadline is { } deadline ? RepairClock.StateOf(deadline, today, calendar) : null))];
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

    // ---- Links -----------------------------------------------------------------------------------------

    /// <summary>The board's address for a section, keeping the filters, at the page starting after <paramref name="after"/>.</summary>
    public string Link(string view, string? after = null, int page = 1, bool keepFilters = true)
    {
        var query = new Dictionary<string, string?>();
        if (view != WaitingView)
        {
            query["F.View"] = view;
        }

        if (keepFilters)
        {
            query["F.Cat"] = F.Cat;
            if (view == WaitingView)
            {
                query["F.Urgency"] = F.Urgency?.ToString();
                query["F.Warranty"] = F.Warranty?.ToString();
                query["F.Age"] = F.Age?.ToString(CultureInfo.InvariantCulture);
                query["F.From"] = F.From is { } from ? Day(from) : null;
                query["F.To"] = F.To is { } to ? Day(to) : null;
                query["F.Q"] = F.Q;
            }
        }

        if (after is not null)
        {
            query["F.After"] = after;
            query["F.Page"] = page.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString("/Dispatch", query.Where(kv => kv.Value is not null));
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The pager under a board section: page n of N (from the true total), first page and next page.</summary>
public sealed record BoardPager(IndexModel Board, int Total);
