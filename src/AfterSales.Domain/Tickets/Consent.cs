namespace AfterSales.Domain.Tickets;

/// <summary>
/// The customer's answer to the current quote. <see cref="QuoteTotal"/> is the amount they answered to;
/// recording a new quote clears the consent.
/// </summary>
public sealed record Consent(
    ConsentMethod Method,
    bool Accepted,
    string RecordedBy,
    DateTimeOffset At,
    string? Note,
    decimal QuoteTotal);
