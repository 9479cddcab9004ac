namespace AfterSales.Domain.Tickets;

/// <summary>
/// The ticket state machine: every status move a <see cref="Ticket"/> method may make.
/// <code>
/// New           → AwaitingQuote, Quoted, Assigned, Closed (consultation answered), Cancelled
/// AwaitingQuote → Quoted, Assigned (technician quotes on site), New (now in warranty), Cancelled
/// Quoted        → Quoted (revised), Consented, Declined, Assigned, New (now in warranty), Cancelled
/// Consented     → Quoted (revised: consent again), Assigned, Declined, New (now in warranty), Cancelled
/// Assigned      → Assigned (reassigned, or quote/consent on site), InProgress, Declined, Cancelled
/// InProgress    → Completed, AwaitingQuote (now chargeable without consent: work stops), Cancelled
/// Completed     → Closed
/// Closed, Declined, Cancelled: final
/// </code>
/// Methods add their own rules on top (the consent gate, in-warranty repairs carry no quote, only a
/// consultation closes with an answer).
/// </summary>
public static class TicketTransitions
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Moves = new()
    {
        [TicketStatus.New] = [TicketStatus.AwaitingQuote, TicketStatus.Quoted, TicketStatus.Assigned, TicketStatus.Closed, TicketStatus.Cancelled],
        [TicketStatus.AwaitingQuote] = [TicketStatus.Quoted, TicketStatus.Assigned, TicketStatus.New, TicketStatus.Cancelled],
        [TicketStatus.Quoted] = [TicketStatus.Quoted, TicketStatus.Consented, TicketStatus.Declined, TicketStatus.Assigned, TicketStatus.New, TicketStatus.Cancelled],
        [TicketStatus.Consented] = [TicketStatus.Quoted, TicketStatus.Assigned, TicketStatus.Declined, TicketStatus.New, TicketStatus.Cancelled],
        [TicketStatus.Assigned] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Declined, TicketStatus.Cancelled],
        [TicketStatus.InProgress] = [TicketStatus.Completed, TicketStatus.AwaitingQuote, TicketStatus.Cancelled],
        [TicketStatus.Completed] = [TicketStatus.Closed],
        [TicketStatus.Closed] = [],
        [TicketStatus.Declined] = [],
        [TicketStatus.Cancelled] = [],
    };

    public static bool IsAllowed(TicketStatus from, TicketStatus to) =>
        Moves.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>The statuses reachable in one move from <paramref name="from"/>.</summary>
    public static IReadOnlyList<TicketStatus> From(TicketStatus from) =>
        Moves.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>Closed, declined and cancelled tickets are final; everything else is still being worked on.</summary>
    public static bool IsFinal(TicketStatus status) => From(status).Count == 0;
}
