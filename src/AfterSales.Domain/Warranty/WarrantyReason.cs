namespace AfterSales.Domain.Warranty;

/// <summary>
/// One fact that went into a warranty decision. <see cref="Code"/> is stable (the web layer translates
/// <c>Domain.{Code}</c> with <see cref="Args"/>); <see cref="Text"/> is the English default.
/// </summary>
public sealed record WarrantyReason(string Code, string Text, IReadOnlyList<object> Args);
