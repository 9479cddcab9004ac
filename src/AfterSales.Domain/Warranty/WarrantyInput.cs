namespace AfterSales.Domain.Warranty;

/// <summary>What the desk (or the technician) knows when deciding warranty.</summary>
public sealed record WarrantyInput
{
    /// <summary>The purchase date read from the proof of purchase (or as told by the customer).</summary>
    public DateOnly? PurchaseDate { get; init; }

    public bool HasProofOfPurchase { get; init; }

    /// <summary>
    /// The manufacture date decoded from the serial number (see <see cref="Catalog.SerialDateFormat"/>);
    /// used only when there is no <see cref="PurchaseDate"/>.
    /// </summary>
    public DateOnly? SerialDate { get; init; }

    /// <summary>The product's warranty period from its manual (catalog), in months; must be positive.</summary>
    public required int WarrantyMonths { get; init; }

    /// <summary>Damage caused by the user (人为损坏) was found.</summary>
    public bool HumanDamage { get; init; }

    /// <summary>Set only when the fault concerns a part replaced by an earlier repair that carries its own warranty.</summary>
    public PartWarranty? ReplacedPart { get; init; }

    /// <summary>The business date of the decision.</summary>
    public required DateOnly Today { get; init; }

    public WarrantyOverride? Override { get; init; }
}

/// <summary>A part replaced by an earlier repair, covered through <see cref="EndsOn"/> (inclusive).</summary>
public sealed record PartWarranty(string Part, DateOnly EndsOn);

/// <summary>A supervisor's decision that replaces the computed status; <see cref="Reason"/> is required (≤ 500 characters).</summary>
public sealed record WarrantyOverride(WarrantyStatus Result, string Reason, string By);
