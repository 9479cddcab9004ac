using System.Security.Claims;
using AfterSales.Domain.Exchanges;
using AfterSales.Web.Infrastructure.Identity;

namespace AfterSales.Web.Pages.Exchanges;

/// <summary>Who signs which step: the regional head and the general manager are managers (two different people), the office is the admin office.</summary>
public static class ExchangeRoles
{
    public static string RoleFor(ExchangeStep step) => step == ExchangeStep.OfficeVerification ? Roles.Admin : Roles.Manager;

    public static bool CanSign(ClaimsPrincipal user, ExchangeStep step) => user.IsInRole(RoleFor(step));

    public static TimeSpan StepTime(IConfiguration configuration) => TimeSpan.FromHours(configuration.GetValue("Exchange:StepHours", 48));

    public static ExchangeWarrantyPolicy Policy(IConfiguration configuration) => configuration.GetValue("Exchange:WarrantyPolicy", ExchangeWarrantyPolicy.NewPeriod);
}
