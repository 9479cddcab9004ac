using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure.Dispatch;

/// <summary>A product category (also the skill a technician needs) as a person reads it: 空调, or "Air conditioner" in English.</summary>
public sealed record CategoryName(long Id, string Code, string Name);

/// <summary>
/// Product categories by name in the user's language. The catalog's name is the Chinese one the admin keeps;
/// an English name comes from the resource <c>ProductCategory.{code}</c> when there is one, else the catalog's
/// name is shown (never the bare code).
/// </summary>
public static class CategoryNames
{
    /// <summary>Every category, ordered by its displayed name (the catalog is small: read whole).</summary>
    public static async Task<IReadOnlyList<CategoryName>> LoadAsync(AfterSalesDbContext db, IStringLocalizer localizer, CancellationToken cancellationToken) =>
        [.. (await db.ProductCategories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new CategoryName(c.Id, c.Code, Display(localizer, c.Code, c.Name)))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture)];

    public static string Display(IStringLocalizer localizer, string code, string name)
    {
        var text = localizer["ProductCategory." + code];
        return text.ResourceNotFound ? name : text.Value;
    }

    /// <summary>The displayed name of a category code (the code itself only when the catalog no longer has it).</summary>
    public static string Of(this IReadOnlyList<CategoryName> names, string? code) =>
        code is null ? "" : names.FirstOrDefault(n => n.Code == code)?.Name ?? code;
}
