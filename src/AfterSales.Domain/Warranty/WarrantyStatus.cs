namespace AfterSales.Domain.Warranty;

public enum WarrantyStatus
{
    /// <summary>The company bears all costs: transport, repair, parts.</summary>
    InWarranty,

    /// <summary>The customer pays; repair starts only after the customer accepts a quote.</summary>
    OutOfWarranty,

    /// <summary>No usable date to judge from yet; treated as chargeable until decided.</summary>
    Undetermined,
}
