namespace AfterSales.Domain.Tickets;

/// <summary>Where a ticket stands; the allowed moves are in <see cref="TicketTransitions"/>.</summary>
public enum TicketStatus
{
    New,
    AwaitingQuote,
    Quoted,
    Consented,
    Assigned,
    InProgress,
    Completed,
    Closed,
    Declined,
    Cancelled,
}
