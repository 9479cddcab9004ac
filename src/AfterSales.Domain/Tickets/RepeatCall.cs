namespace AfterSales.Domain.Tickets;

/// <summary>
/// The customer called again about a ticket that is still open (催修): when, who took the call, what they
/// said, and the intake form it came from (so a second submit of that form is not counted twice).
/// </summary>
public sealed record RepeatCall(DateTimeOffset At, string By, string? Note, Guid? IntakeKey);
