using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.Exchanges;

namespace AfterSales.Web.Pages.Exchanges;

/// <summary>
/// Exchange settings (<c>Exchange:*</c>): how long each signature may wait, and the replacement unit's warranty (who
/// signs which step is <see cref="Infrastructure.Identity.Policies.SignExchangeStep"/>). Checked at start.
/// </summary>
public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>Hours each step (regional head, office, general manager) may wait for its signature.</summary>
    [Range(1, 8760, ErrorMessage = "Exchange:StepHours (Exchange__StepHours) must be a number of hours from 1 to 8760.")]
    public int StepHours { get; set; } = 48;

    /// <summary>The new unit's warranty: a new period from the exchange, or what was left of the old unit's.</summary>
    [EnumDataType(typeof(ExchangeWarrantyPolicy), ErrorMessage = "Exchange:WarrantyPolicy (Exchange__WarrantyPolicy) must be NewPeriod or RemainingPeriod.")]
    public ExchangeWarrantyPolicy WarrantyPolicy { get; set; } = ExchangeWarrantyPolicy.NewPeriod;

    public TimeSpan StepTime => TimeSpan.FromHours(StepHours);
}
