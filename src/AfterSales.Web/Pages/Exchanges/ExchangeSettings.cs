using AfterSales.Domain.Exchanges;

namespace AfterSales.Web.Pages.Exchanges;

/// <summary>Exchange settings: how long each step may wait, and the replacement unit's warranty (who signs which step is <see cref="Infrastructure.Identity.Policies.SignExchangeStep"/>).</summary>
public static class ExchangeSettings
{
    public static TimeSpan StepTime(IConfiguration configuration) => TimeSpan.FromHours(configuration.GetValue("Exchange:StepHours", 48));

    public static ExchangeWarrantyPolicy Policy(IConfiguration configuration) => configuration.GetValue("Exchange:WarrantyPolicy", ExchangeWarrantyPolicy.NewPeriod);
}
