namespace AfterSales.Domain.Tickets;

/// <summary>The service mode agreed with the customer at intake.</summary>
public enum ServiceMode
{
    PhoneFix,
    OnSite,
    BringIn,
    Exchange,
}
