using AfterSales.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace AfterSales.Web.Pages.Customers;

/// <summary>What the catalog, customer and unit pages tell a person when a save is refused.</summary>
public static class SaveErrors
{
    /// <summary>True when the save broke the unique index <paramref name="index"/> (PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException error, string index) =>
        error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
        && string.Equals(pg.ConstraintName, index, StringComparison.Ordinal);
}

/// <summary>Dates as a date input sends them (yyyy-MM-dd).</summary>
public static class FormDate
{
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    /// <summary>The date typed, or null when blank (the validator has already refused anything else).</summary>
    public static DateOnly? ParseOptional(string? text) => TryParse(text, out var date) ? date : null;

    public static bool IsBlankOrDate(string? text) => string.IsNullOrWhiteSpace(text) || TryParse(text, out _);

    public static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
