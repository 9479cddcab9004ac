namespace AfterSales.Domain.Tickets;

/// <summary>How the customer reached us (来人、来电、来函…).</summary>
public enum ContactChannel
{
    Phone,
    Visit,
    Letter,
    Fax,
    Web,
}
