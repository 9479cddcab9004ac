namespace AfterSales.Domain.WorkOrders;

/// <summary>A replaced part. <see cref="HandedToCustomer"/>: the old part went back to the customer.</summary>
public sealed record PartLine(
    string PartNumber,
    string Name,
    int Quantity,
    decimal UnitPrice,
    bool HandedToCustomer,
    bool AgreedExtra = false)
{
    public decimal Amount => Money.Round(Quantity * UnitPrice);
}

public sealed record LabourLine(decimal Hours, decimal HourlyRate, bool AgreedExtra = false)
{
    public decimal Amount => Money.Round(Hours * HourlyRate);
}

/// <summary>A travel cost. Its description is a message read in the reader's language: the words a person typed, or the word for travel.</summary>
public sealed record TravelLine(DomainMessage Description, decimal Amount, bool AgreedExtra = false)
{
    /// <summary>A line described in a person's own words (shown as typed).</summary>
    public TravelLine(string note, decimal amount, bool agreedExtra = false)
        : this(DomainMessage.Of(MessageCodes.TravelNote, note ?? "", note ?? ""), amount, agreedExtra)
    {
    }

    /// <summary>A work order's travel line: the technician's note, or when none was typed the coded word for travel (交通 / Travel).</summary>
    public static TravelLine Of(string? note, decimal amount) =>
        string.IsNullOrWhiteSpace(note) ? new(DomainMessage.Of(MessageCodes.TravelDefault, "Travel"), amount) : new(note.Trim(), amount);
}

/// <summary>
/// What a work order cost. <see cref="InternalCost"/> is every line; <see cref="CustomerCharge"/> is
/// 0 in warranty, otherwise the accepted quote plus the extras the customer agreed to.
/// </summary>
public sealed record ChargeTotals(
    decimal Parts,
    decimal Labour,
    decimal Travel,
    decimal InternalCost,
    decimal AcceptedQuote,
    decimal AgreedExtras,
    decimal CustomerCharge);

/// <summary>
/// Parts, labour and travel recorded on a work order, and the quote the customer accepted.
/// Lines marked <c>AgreedExtra</c> are changes the customer agreed to after accepting the quote;
/// all other lines are covered by the quote. Amounts are CNY with 2 decimal places; a line amount
/// is rounded half away from zero (四舍五入).
/// </summary>
public sealed class WorkOrderCharges
{
    private readonly List<PartLine> _parts = [];
    private readonly List<LabourLine> _labour = [];
    private readonly List<TravelLine> _travel = [];

    public IReadOnlyList<PartLine> Parts => _parts;

    public IReadOnlyList<LabourLine> Labour => _labour;

    public IReadOnlyList<TravelLine> Travel => _travel;

    /// <summary>The total of the quote the customer accepted (out of warranty); null until accepted.</summary>
    public decimal? AcceptedQuoteTotal { get; private set; }

    /// <exception cref="DomainException"><c>charges.part_number_required</c>, <c>charges.part_name_required</c>, <c>charges.quantity_not_positive</c>, <c>charges.negative_amount</c>, <c>charges.amount_precision</c>.</exception>
    public void AddPart(PartLine line)
    {
        if (string.IsNullOrWhiteSpace(line.PartNumber))
        {
            throw new DomainException("charges.part_number_required", "A part line needs a part number.");
        }

        if (string.IsNullOrWhiteSpace(line.Name))
        {
            throw new DomainException("charges.part_name_required", "A part line needs a part name.");
        }

        if (line.Quantity <= 0)
        {
            throw new DomainException(
                "charges.quantity_not_positive",
                $"The quantity of part {line.PartNumber} must be at least 1, not {line.Quantity}.",
                line.PartNumber,
                line.Quantity);
        }

        Money.Check(line.UnitPrice, "unit price");
        _parts.Add(line);
    }

    /// <exception cref="DomainException"><c>charges.hours_not_positive</c>, <c>charges.negative_amount</c>, <c>charges.amount_precision</c>.</exception>
    public void AddLabour(LabourLine line)
    {
        if (line.Hours <= 0 || line.Hours != Money.Round(line.Hours))
        {
            throw new DomainException(
                "charges.hours_not_positive",
                $"Labour hours must be more than 0 with at most 2 decimals, not {line.Hours}.",
                line.Hours);
        }

        Money.Check(line.HourlyRate, "hourly rate");
        _labour.Add(line);
    }

    /// <exception cref="DomainException"><c>charges.travel_description_required</c>, <c>charges.negative_amount</c>, <c>charges.amount_precision</c>.</exception>
    public void AddTravel(TravelLine line)
    {
        if (line.Description.Code == MessageCodes.TravelNote && string.IsNullOrWhiteSpace(line.Description.Text))
        {
            throw new DomainException("charges.travel_description_required", "A travel cost needs a description.");
        }

        Money.Check(line.Amount, "travel cost");
        _travel.Add(line);
    }

    /// <summary>Records the total of the quote the customer agreed to.</summary>
    /// <exception cref="DomainException"><c>charges.quote_already_accepted</c>, <c>charges.negative_amount</c>, <c>charges.amount_precision</c>.</exception>
    public void AcceptQuote(decimal total)
    {
        if (AcceptedQuoteTotal is not null)
        {
            throw new DomainException(
                "charges.quote_already_accepted",
                $"A quote of {AcceptedQuoteTotal:0.00} CNY was already accepted; record further changes as agreed extras.",
                AcceptedQuoteTotal);
        }

        Money.Check(total, "quote total");
        AcceptedQuoteTotal = total;
    }

    /// <summary>The totals of the work order.</summary>
    /// <exception cref="DomainException"><c>charges.quote_not_accepted</c> out of warranty with no accepted quote.</exception>
    public ChargeTotals Totals(bool inWarranty)
    {
        var parts = _parts.Sum(l => l.Amount);
        var labour = _labour.Sum(l => l.Amount);
        var travel = _travel.Sum(l => l.Amount);
        var internalCost = parts + labour + travel;

        if (inWarranty)
        {
            return new ChargeTotals(parts, labour, travel, internalCost, 0m, 0m, 0m);
        }

        if (AcceptedQuoteTotal is not { } quote)
        {
            throw new DomainException(
                "charges.quote_not_accepted",
                "Out of warranty the customer pays the accepted quote; no quote has been accepted yet.");
        }

        var extras = _parts.Where(l => l.AgreedExtra).Sum(l => l.Amount)
            + _labour.Where(l => l.AgreedExtra).Sum(l => l.Amount)
            + _travel.Where(l => l.AgreedExtra).Sum(l => l.Amount);

        return new ChargeTotals(parts, labour, travel, internalCost, quote, extras, quote + extras);
    }
}
