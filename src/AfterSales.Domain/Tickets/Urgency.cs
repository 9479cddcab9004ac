namespace AfterSales.Domain.Tickets;

/// <summary>How soon the customer needs help; the dispatcher serves higher urgency first.</summary>
public enum Urgency
{
    Low,
    Normal,
    High,
    Emergency,
}

/// <summary>An urgency set by hand: from, to, and why.</summary>
public sealed record UrgencyChange(Urgency From, Urgency To, string Reason);
