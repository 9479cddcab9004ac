namespace AfterSales.Domain.Customers;

/// <summary>
/// One physical product a customer owns: its model, serial number (unique per model), and what the
/// customer can prove about the purchase.
/// </summary>
public sealed class Unit
{
    private Unit()
    {
        SerialNumber = "";
    }

    public Unit(long customerId, long productModelId, string serialNumber, DateOnly? purchaseDate, bool hasProofOfPurchase, string? invoiceNumber, string? dealer, DateOnly today)
    {
        CustomerId = customerId;
        ProductModelId = productModelId;
        SerialNumber = Guard.Required(serialNumber, 64, "unit.serial_number").ToUpperInvariant();
        SetPurchase(purchaseDate, hasProofOfPurchase, invoiceNumber, dealer, today);
    }

    public long Id { get; private set; }

    public long CustomerId { get; private set; }

    public long ProductModelId { get; private set; }

    public string SerialNumber { get; private set; }

    public DateOnly? PurchaseDate { get; private set; }

    public bool HasProofOfPurchase { get; private set; }

    public string? InvoiceNumber { get; private set; }

    public string? Dealer { get; private set; }

    public uint Version { get; private set; }

    /// <summary>No product the company services was bought before this day; an earlier date is a typing slip.</summary>
    public static readonly DateOnly EarliestPurchaseDate = new(1990, 1, 1);

    /// <summary>Refuses a purchase date in the future or before <see cref="EarliestPurchaseDate"/>.</summary>
    public static void CheckPurchaseDate(DateOnly? purchaseDate, DateOnly today)
    {
        if (purchaseDate > today)
        {
            throw new DomainException("unit.future_purchase_date", "The purchase date cannot be in the future.", purchaseDate.Value);
        }

        if (purchaseDate < EarliestPurchaseDate)
        {
            throw new DomainException("unit.purchase_date_too_early", "The purchase date cannot be before 1990-01-01.", purchaseDate.Value, EarliestPurchaseDate);
        }
    }

    public void SetPurchase(DateOnly? purchaseDate, bool hasProofOfPurchase, string? invoiceNumber, string? dealer, DateOnly today)
    {
        CheckPurchaseDate(purchaseDate, today);
        PurchaseDate = purchaseDate;
        HasProofOfPurchase = hasProofOfPurchase;
        InvoiceNumber = Guard.Optional(invoiceNumber, 64);
        Dealer = Guard.Optional(dealer, 200);
    }

    public void TransferTo(long customerId) => CustomerId = customerId;
}
