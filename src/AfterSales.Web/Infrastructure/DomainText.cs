using AfterSales.Domain;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure;

/// <summary>Turns a domain code with its arguments into the user's language (resource <c>Domain.{code}</c>), else the English default.</summary>
public static class DomainText
{
    public static string Translate(this IStringLocalizer localizer, string code, IEnumerable<object> args, string fallback)
    {
        var text = localizer["Domain." + code, [.. args]];
        return text.ResourceNotFound ? fallback : text.Value;
    }

    public static string Translate(this IStringLocalizer localizer, DomainException error) =>
        localizer.Translate(error.Code, error.Args, error.Message);
}
