namespace AfterSales.Domain.Tickets;

public enum QuoteLineKind
{
    Part,
    Labour,
    Travel,
}

/// <summary>
/// One line of a <see cref="Quote"/>. Quantity may be fractional (1.5 hours); <see cref="Total"/> is
/// quantity × unit price rounded to 2 places (CNY, half away from zero).
/// </summary>
public sealed record QuoteLine
{
    public const int DescriptionMaxLength = 200;
    public const int PartNumberMaxLength = 64;
    public const decimal MaxQuantity = 100_000m;
    public const decimal MaxUnitPrice = 10_000_000m;

    public QuoteLine(QuoteLineKind kind, string description, string? partNumber, decimal quantity, decimal unitPrice)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("quote.kind_invalid", $"'{kind}' is not a kind of quote line.", kind);
        }

        if (quantity <= 0)
        {
            throw new DomainException("quote.quantity_not_positive", $"The quantity must be greater than zero, not {quantity}.", quantity);
        }

        if (unitPrice < 0)
        {
            throw new DomainException("quote.price_negative", $"The unit price cannot be negative ({unitPrice}).", unitPrice);
        }

        if (quantity > MaxQuantity || unitPrice > MaxUnitPrice)
        {
            throw new DomainException("quote.amount_too_large", $"A quote line allows at most {MaxQuantity} units at {MaxUnitPrice} each.", MaxQuantity, MaxUnitPrice);
        }

        Kind = kind;
        Description = Guard.Required(description, DescriptionMaxLength, "quote.description");
        PartNumber = Guard.Optional(partNumber, PartNumberMaxLength);
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    public QuoteLineKind Kind { get; }

    public string Description { get; }

    public string? PartNumber { get; }

    public decimal Quantity { get; }

    public decimal UnitPrice { get; }

    public decimal Total => Money.Round(Quantity * UnitPrice);
}
