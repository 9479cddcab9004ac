namespace AfterSales.Domain.Customers;

/// <summary>Phone numbers are stored as digits so "138-0013 8000" and "13800138000" find the same caller.</summary>
public static class PhoneNumber
{
    public static string Normalise(string? raw)
    {
        var digits = new string((raw ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 5 || digits.Length > 20)
        {
            throw new DomainException("phone.invalid", "A phone number has 5 to 20 digits.", raw ?? "");
        }

        return digits;
    }

    /// <summary>The digits of a partial number typed in a search box (may be empty).</summary>
    public static string Digits(string? raw) => new((raw ?? "").Where(char.IsAsciiDigit).ToArray());
}
