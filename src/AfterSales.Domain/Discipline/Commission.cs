namespace AfterSales.Domain.Discipline;

/// <summary>
/// Part 5 art. 30: extra service income handed in on time earns its earner a share of the net income
/// (the rule's threshold, 0.20 in the regulations). One function for the automatic proposal, a manager's
/// proposal by hand and the demo data.
/// </summary>
public static class Commission
{
    /// <summary>
    /// <paramref name="netIncome"/> × <paramref name="rate"/> in CNY, rounded to 2 places half away from zero (四舍五入);
    /// 0 when there is no net income.
    /// </summary>
    /// <exception cref="DomainException"><c>commission.rate_out_of_range</c> unless 0 &lt; rate ≤ 1.</exception>
    public static decimal Cash(decimal netIncome, decimal rate)
    {
        if (rate <= 0 || rate > 1)
        {
            throw new DomainException("commission.rate_out_of_range", $"A commission rate is a share above 0 and at most 1 (0.20 = 20 %), not {rate}.", rate);
        }

        return netIncome <= 0 ? 0m : Money.Round(netIncome * rate);
    }
}
