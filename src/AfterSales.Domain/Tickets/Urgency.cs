namespace AfterSales.Domain.Tickets;

/// <summary>How soon the customer needs help; the dispatcher serves higher urgency first.</summary>
public enum Urgency
{
    Low,
    Normal,
    High,
    Emergency,
}
