namespace AfterSales.Domain.Tickets;

/// <summary>What the customer asks for.</summary>
public enum TicketKind
{
    Repair,
    Installation,
    Consultation,
    Complaint,
    Exchange,
}
