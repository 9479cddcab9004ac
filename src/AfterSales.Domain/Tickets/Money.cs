namespace AfterSales.Domain.Tickets;

/// <summary>Amounts are CNY with 2 decimal places, rounded half away from zero (四舍五入).</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
