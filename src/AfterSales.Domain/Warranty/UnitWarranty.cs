using AfterSales.Domain.Catalog;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;

namespace AfterSales.Domain.Warranty;

/// <summary>
/// The warranty decision for a unit as the service desk and the technician know it: its model's
/// warranty months, the purchase date and proof, the manufacture date decoded from the serial number
/// where the model's serials carry one, human damage found on site, and a supervisor's override.
/// Without a model (and with nothing else that decides) the result is undetermined.
/// </summary>
public static class UnitWarranty
{
    public static WarrantyDecision Decide(ProductModel? model, DateOnly? purchaseDate, bool hasProof, string? serial, DateOnly today, bool humanDamage = false, WarrantyOverride? supervisorOverride = null)
    {
        if (model is null && supervisorOverride is null && !humanDamage)
        {
            return new WarrantyDecision(
                WarrantyStatus.Undetermined,
                null,
                [new WarrantyReason("warranty.no_model", "No product model given: warranty cannot be judged", [])],
                today);
        }

        DateOnly? serialDate = null;
        if (SerialDateFormat.Parse(model?.SerialDateSpec) is { } format && serial is not null && format.TryDecode(serial, out var made))
        {
            serialDate = made;
        }

        return WarrantyDecider.Decide(new WarrantyInput
        {
            PurchaseDate = purchaseDate,
            HasProofOfPurchase = hasProof,
            SerialDate = serialDate,

            // Without a model only human damage or a supervisor's override decides; the period then does not matter.
            WarrantyMonths = model?.WarrantyMonths ?? 12,
            HumanDamage = humanDamage,
            Today = today,
            Override = supervisorOverride,
        });
    }

    public static WarrantyDecision Decide(ProductModel model, Unit unit, DateOnly today, bool humanDamage = false) =>
        Decide(model, unit.PurchaseDate, unit.HasProofOfPurchase, unit.SerialNumber, today, humanDamage);
}
