using System.Linq.Expressions;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Dispatch;

/// <summary>
/// Which tickets wait for a technician's visit, and in what order the dispatcher sees them: emergencies first,
/// then high, normal and low urgency, each oldest call first (the order is not the enum's declaration order).
/// </summary>
public static class WaitingVisits
{
    /// <summary>Ticket states in which a visit may be dispatched.</summary>
    public static readonly IReadOnlyList<TicketStatus> DispatchableStatuses = [TicketStatus.New, TicketStatus.AwaitingQuote, TicketStatus.Quoted, TicketStatus.Consented];

    /// <summary>Kinds of ticket that need someone on site.</summary>
    public static readonly IReadOnlyList<TicketKind> VisitKinds = [TicketKind.Repair, TicketKind.Installation, TicketKind.Exchange, TicketKind.Complaint];

    /// <summary>Urgency levels in the order the queue is worked: most urgent first.</summary>
    public static readonly IReadOnlyList<Urgency> UrgencyOrder = [Urgency.Emergency, Urgency.High, Urgency.Normal, Urgency.Low];

    /// <summary>0 for the most urgent level; the place of <paramref name="urgency"/> in <see cref="UrgencyOrder"/>.</summary>
    public static int Rank(Urgency urgency)
    {
        for (var i = 0; i < UrgencyOrder.Count; i++)
        {
            if (UrgencyOrder[i] == urgency)
            {
                return i;
            }
        }

        throw new DomainException("ticket.urgency", "Unknown urgency.", urgency);
    }

    /// <summary>
    /// Which tickets can be dispatched, as far as the ticket itself says: a dispatchable state, a visit kind, not fixed
    /// on the phone (whether it already has an open work order is the other half, <see cref="IsWaitingForVisit"/>).
    /// Written with literal values (<c>status = 'New' OR …</c>), so PostgreSQL matches the partial index of waiting
    /// tickets; compiled (<see cref="IsDispatchable"/>) for a ticket in memory.
    /// </summary>
    public static Expression<Func<Ticket, bool>> Dispatchable { get; } = BuildDispatchable();

    private static readonly Func<Ticket, bool> DispatchableCompiled = Dispatchable.Compile();

    /// <summary><see cref="Dispatchable"/> for a ticket in memory.</summary>
    public static bool IsDispatchable(Ticket ticket) => DispatchableCompiled(ticket);

    private static Expression<Func<Ticket, bool>> BuildDispatchable()
    {
        var t = Expression.Parameter(typeof(Ticket), "t");
        Expression AnyOf<T>(string property, IEnumerable<T> values) =>
            values.Select(v => (Expression)Expression.Equal(Expression.Property(t, property), Expression.Constant(v)))
                .Aggregate(Expression.OrElse);
        var body = Expression.AndAlso(
            Expression.AndAlso(AnyOf(nameof(Ticket.Status), DispatchableStatuses), AnyOf(nameof(Ticket.Kind), VisitKinds)),
            Expression.NotEqual(Expression.Property(t, nameof(Ticket.ServiceMode)), Expression.Constant(ServiceMode.PhoneFix)));
        return Expression.Lambda<Func<Ticket, bool>>(body, t);
    }

    /// <summary>A ticket needs a visit: a visit kind, not fixed on the phone, in a dispatchable state, and no open work order yet.</summary>
    public static bool IsWaitingForVisit(TicketStatus status, TicketKind kind, ServiceMode mode, bool hasOpenWorkOrder) =>
        DispatchableStatuses.Contains(status) && VisitKinds.Contains(kind) && mode != ServiceMode.PhoneFix && !hasOpenWorkOrder;

    /// <summary>A technician holding their limit of open work orders (or more): never suggested; choosing them anyway needs a written reason.</summary>
    public static bool IsAtLimit(int openJobs, int openJobLimit) => openJobs >= openJobLimit;
}
