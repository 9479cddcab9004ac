namespace AfterSales.Domain.Warranty;

/// <summary>
/// The outcome of <see cref="WarrantyDecider.Decide"/>. <see cref="ExpiresOn"/> is the last day covered by the
/// unit's own warranty (from the purchase date, else from the serial-derived manufacture date); null when
/// neither is known. A replaced part's own warranty appears in <see cref="Reasons"/>, not here.
/// </summary>
public sealed record WarrantyDecision(
    WarrantyStatus Status,
    DateOnly? ExpiresOn,
    IReadOnlyList<WarrantyReason> Reasons,
    DateOnly DecidedOn)
{
    /// <summary>True when a supervisor override decided <see cref="Status"/> (the computed reasons are still listed).</summary>
    public bool IsOverridden => Reasons.Any(r => r.Code == WarrantyCodes.Override);
}
