using AfterSales.Domain;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>The warranty facts of one unit (or of a unit being registered) as the decider needs them.</summary>
public static class Intake
{
    public static WarrantyDecision Decide(ProductModel? model, DateOnly? purchaseDate, bool hasProof, string? serial, DateOnly today, WarrantyOverride? supervisorOverride = null)
    {
        if (model is null && supervisorOverride is null)
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
            // Without a model only a supervisor's override decides; the period then does not matter.
            WarrantyMonths = model?.WarrantyMonths ?? 12,
            Today = today,
            Override = supervisorOverride,
        });
    }

    public static WarrantyDecision Decide(ProductModel model, Unit unit, DateOnly today) =>
        Decide(model, unit.PurchaseDate, unit.HasProofOfPurchase, unit.SerialNumber, today);

    /// <summary>Which form field a domain refusal belongs beside.</summary>
    public static string FieldFor(DomainException error) => error.Code switch
    {
        "unit.future_purchase_date" or "warranty.future_purchase_date" => "Input.PurchaseDate",
        "phone.invalid" or "customer.duplicate_phone" => "Input.Phone",
        "ticket.estimate_negative" => "Input.EstimatedAmount",
        "ticket.answer_required" => "Input.Answer",
        "field.required" or "field.too_long" when error.Args.Count > 0 && error.Args[0] is string field => field switch
        {
            "customer.name" => "Input.CustomerName",
            "unit.serial_number" => "Input.SerialNumber",
            "ticket.fault_description" => "Input.FaultDescription",
            _ => "",
        },
        _ => "",
    };
}
