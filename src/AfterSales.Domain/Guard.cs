namespace AfterSales.Domain;

/// <summary>Shape checks every aggregate repeats; each failure is a <see cref="DomainException"/> with a field code.</summary>
public static class Guard
{
    public static string Required(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("field.required", $"{field} is required.", field);
        }

        return trimmed.Length > maxLength
            ? throw new DomainException("field.too_long", $"{field} is longer than {maxLength} characters.", field, maxLength)
            : trimmed;
    }

    public static string? Optional(string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainException("field.too_long", $"A value is longer than {maxLength} characters.", "", maxLength)
            : trimmed;
    }

    public static int Range(int value, int min, int max, string field) =>
        value < min || value > max
            ? throw new DomainException("field.out_of_range", $"{field} must be between {min} and {max}.", field, min, max)
            : value;
}
