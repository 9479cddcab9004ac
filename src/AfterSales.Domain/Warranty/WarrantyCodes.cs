namespace AfterSales.Domain.Warranty;

/// <summary>Stable codes of <see cref="WarrantyReason"/>s and of refused warranty inputs.</summary>
public static class WarrantyCodes
{
    public const string InPeriod = "warranty.in_period";
    public const string Expired = "warranty.expired";
    public const string NoDate = "warranty.no_date";
    public const string FromSerial = "warranty.from_serial";
    public const string SerialDateInFuture = "warranty.serial_date_in_future";
    public const string NoProof = "warranty.no_proof";
    public const string HumanDamage = "warranty.human_damage";
    public const string PartWarranty = "warranty.part_warranty";
    public const string PartWarrantyExpired = "warranty.part_warranty_expired";
    public const string PartWarrantyVoid = "warranty.part_warranty_void";
    public const string Override = "warranty.override";

    // refused inputs (DomainException codes)
    public const string FuturePurchaseDate = "warranty.future_purchase_date";
    public const string InvalidMonths = "warranty.invalid_months";
    public const string OverrideReasonRequired = "warranty.override_reason_required";
    public const string OverrideReasonTooLong = "warranty.override_reason_too_long";
    public const string OverrideByRequired = "warranty.override_by_required";
    public const string OverrideResultInvalid = "warranty.override_result_invalid";
}
