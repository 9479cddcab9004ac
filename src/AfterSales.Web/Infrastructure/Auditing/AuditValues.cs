using System.Globalization;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure.Auditing;

/// <summary>
/// An audited value (raw JSON text from <see cref="AuditEntry.Changes"/>) as the reader reads it: money as ¥205.00,
/// instants in the company's time zone, true/false as 是/否 (Yes/No), known enums by their translated names, a user id
/// by the person's name. Anything else is shown as written, shortened.
/// </summary>
public static class AuditValues
{
    private static readonly HashSet<string> MoneyFields = new(StringComparer.Ordinal)
    {
        "QuoteTotal", "EstimatedAmount", "TravelCost", "CashAmount", "Amount", "Charge", "MaterialCost", "UnitPrice", "HourlyRate", "Total",
    };

    /// <summary>Fields holding an enum, with the resource prefix of their names.</summary>
    private static readonly Dictionary<string, string> EnumFields = new(StringComparer.Ordinal)
    {
        ["Status"] = "Status.",
        ["WarrantyStatus"] = "Warranty.",
        ["Urgency"] = "Urgency.",
        ["ServiceMode"] = "ServiceMode.",
    };

    public static string Format(IStringLocalizer l, CompanyClock clock, string field, string? value, IReadOnlyDictionary<string, string>? people = null)
    {
        if (value is null or "null")
        {
            return "—";
        }

        if (LargeValueText(value) is { } large)
        {
            return l["Audit.LargeValue", large.KiloBytes, large.Hash].Value;
        }

        if (EnumFields.TryGetValue(field, out var prefix))
        {
            var name = l[prefix + value];
            return name.ResourceNotFound ? value : name.Value;
        }

        if (people is not null && field.EndsWith("Id", StringComparison.Ordinal) && people.TryGetValue(value, out var person))
        {
            return person;
        }

        if (MoneyFields.Contains(field) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var money))
        {
            return "¥" + money.ToString("N2", CultureInfo.InvariantCulture);
        }

        if (value is "true" or "false")
        {
            return l[value == "true" ? "Audit.Yes" : "Audit.No"].Value;
        }

        if (value.Length > 10 && value[10] == 'T'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
        {
            return clock.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }

        return value.Length > 160 ? value[..160] + "…" : value;
    }

    /// <summary>A large value's reference (<see cref="LargeValue"/>, as the audit row holds it): its size in KB and the start of its hash.</summary>
    private static (string KiloBytes, string Hash)? LargeValueText(string value)
    {
        // The audit column is jsonb: PostgreSQL keeps the keys in its own order and spacing.
        if (!value.StartsWith('{') || !value.Contains("\"sha256\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var reference = System.Text.Json.JsonSerializer.Deserialize<LargeValue>(value, System.Text.Json.JsonSerializerOptions.Web);
            return reference is { Sha256.Length: >= 12 }
                ? (((reference.Length + 1023) / 1024).ToString(CultureInfo.InvariantCulture), reference.Sha256[..12])
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
