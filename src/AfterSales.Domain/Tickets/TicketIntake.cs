namespace AfterSales.Domain.Tickets;

/// <summary>What the desk records when a customer calls, visits, writes or faxes.</summary>
public sealed record TicketIntake
{
    public required long CustomerId { get; init; }

    public long? UnitId { get; init; }

    public long? ProductModelId { get; init; }

    public required ContactChannel Channel { get; init; }

    public required TicketKind Kind { get; init; }

    public Urgency Urgency { get; init; } = Urgency.Normal;

    public required ServiceMode ServiceMode { get; init; }

    /// <summary>The fault, or for a consultation the question.</summary>
    public required string FaultDescription { get; init; }

    /// <summary>Free text as the customer said it, e.g. "周六上午".</summary>
    public string? PreferredTime { get; init; }

    /// <summary>The amount quoted back to the customer at intake when the service will cost money.</summary>
    public decimal? EstimatedAmount { get; init; }

    /// <summary>The repair a complaint is about (a complaint opened by a poor follow-up call).</summary>
    public long? RelatedTicketId { get; init; }
}
