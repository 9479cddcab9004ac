namespace AfterSales.Domain.WorkOrders;

/// <summary>
/// An extra service sold on site beyond the repair (加装防盗器, 清洗保养 …): a separate sale the customer pays
/// for whatever the warranty, never part of the repair charge. <see cref="Charge"/> is what the customer paid,
/// <see cref="MaterialCost"/> what the materials cost the company; the net income earns the technician the
/// commission of Part 5 art. 30 once the work order and the money are handed in on time.
/// A cost above the charge is refused rather than clipped: on a phone the two amounts sit side by side and a
/// swapped pair is far likelier than a sale at a loss, which a manager records by hand if it ever happens.
/// Amounts are CNY with 2 decimal places.
/// </summary>
public sealed record ExtraServiceLine(string Description, decimal Charge, decimal MaterialCost = 0m)
{
    public const int DescriptionMaxLength = 100;

    /// <summary>What <see cref="Money.Check"/> names in its refusals of the charge (their first argument).</summary>
    public const string ChargeName = "extra service charge";

    /// <summary>What <see cref="Money.Check"/> names in its refusals of the material cost (their first argument).</summary>
    public const string CostName = "extra service material cost";

    /// <summary>Charge less material cost, never below 0 (what the commission is worked out on).</summary>
    public decimal NetIncome => Math.Max(0m, Charge - MaterialCost);

    /// <summary>The line as recorded (description trimmed), or a refusal.</summary>
    /// <exception cref="DomainException">
    /// <c>field.required</c> / <c>field.too_long</c> (description), <c>extra.charge_not_positive</c>,
    /// <c>charges.negative_amount</c> (cost), <c>charges.amount_precision</c>, <c>extra.cost_above_charge</c>.
    /// </exception>
    public static ExtraServiceLine Create(string? description, decimal charge, decimal materialCost = 0m)
    {
        var text = Guard.Required(description, DescriptionMaxLength, "workorder.extra_description");
        if (charge <= 0)
        {
            throw new DomainException("extra.charge_not_positive", $"An extra service is charged more than 0, not {charge}.", charge);
        }

        Money.Check(charge, ChargeName);
        Money.Check(materialCost, CostName);
        if (materialCost > charge)
        {
            throw new DomainException(
                "extra.cost_above_charge",
                $"The material cost ({materialCost:0.00}) cannot be more than the charge ({charge:0.00}).",
                materialCost,
                charge);
        }

        return new ExtraServiceLine(text, charge, materialCost);
    }
}
