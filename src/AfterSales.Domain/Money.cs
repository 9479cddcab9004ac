namespace AfterSales.Domain;

/// <summary>Amounts are CNY with 2 decimal places, rounded half away from zero (四舍五入).</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Refuses a negative amount or one with more than 2 decimal places.</summary>
    public static void Check(decimal amount, string what)
    {
        if (amount < 0)
        {
            throw new DomainException(
                "charges.negative_amount",
                $"The {what} cannot be negative ({amount}).",
                what,
                amount);
        }

        if (amount != Round(amount))
        {
            throw new DomainException(
                "charges.amount_precision",
                $"The {what} has more than 2 decimal places ({amount}).",
                what,
                amount);
        }
    }
}
