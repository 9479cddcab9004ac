namespace AfterSales.Domain.Tickets;

/// <summary>
/// What an out-of-warranty repair will cost the customer: parts, labour and travel lines.
/// <see cref="Total"/> is the sum of the rounded line totals, so it matches the printed lines.
/// </summary>
public sealed class Quote
{
    public Quote(IEnumerable<QuoteLine> lines)
    {
        Lines = [.. lines];
        if (Lines.Count == 0)
        {
            throw new DomainException("quote.no_lines", "A quote needs at least one line.");
        }
    }

    public IReadOnlyList<QuoteLine> Lines { get; }

    public decimal Total => Lines.Sum(l => l.Total);
}
