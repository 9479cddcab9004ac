namespace AfterSales.Domain.Tickets;

/// <summary>How the customer's answer to a quote was obtained.</summary>
public enum ConsentMethod
{
    Phone,
    OnSiteSignature,
    InPerson,
}
