using AfterSales.Domain;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Web.Infrastructure.WorkOrders;

/// <summary>
/// The web side of a technician's steps: reading the drawn signature, and which form field a refusal belongs beside. What
/// the steps do to the ticket and the follow-up is the domain's (<see cref="FieldWorkEffects"/>), run by the work order's events.
/// </summary>
public static class FieldWork
{
    private const string PngDataUrlPrefix = "data:image/png;base64,";

    /// <summary>The PNG bytes of a <c>data:image/png;base64,…</c> URL from the signature pad; empty when it is not one.</summary>
    public static byte[] DecodeSignature(string? dataUrl)
    {
        if (string.IsNullOrWhiteSpace(dataUrl) || !dataUrl.StartsWith(PngDataUrlPrefix, StringComparison.Ordinal))
        {
            return [];
        }

        var base64 = dataUrl.AsSpan(PngDataUrlPrefix.Length);
        var buffer = new byte[base64.Length * 3 / 4 + 3];
        return Convert.TryFromBase64Chars(base64, buffer, out var written) ? buffer[..written] : [];
    }

    public static string SignatureDataUrl(byte[] png) => PngDataUrlPrefix + Convert.ToBase64String(png);

    /// <summary>Which form field a domain refusal of a work-order step belongs beside.</summary>
    public static string FieldFor(DomainException error) => error.Code switch
    {
        "workorder.incomplete_needs_note" => "Arrival.Note",
        "workorder.signature_required" or "workorder.signature_too_large" => "Completion.Signature",
        "workorder.next_visit_past" => "Unfinished.NextVisit",
        "charges.part_number_required" => "Part.PartNumber",
        "charges.part_name_required" => "Part.Name",
        "charges.quantity_not_positive" => "Part.Quantity",
        "charges.hours_not_positive" => "Labour.Hours",
        "extra.charge_not_positive" => "Extra.Charge",
        "extra.cost_above_charge" => "Extra.MaterialCost",
        "charges.amount_precision" or "charges.negative_amount" when error.Args.Count > 0 && error.Args[0] is string amount && amount is ExtraServiceLine.ChargeName or ExtraServiceLine.CostName =>
            amount == ExtraServiceLine.ChargeName ? "Extra.Charge" : "Extra.MaterialCost",
        "field.required" or "field.too_long" when error.Args.Count > 0 && error.Args[0] is string field => field switch
        {
            "workorder.diagnosis" => "Diagnosis.Fault",
            "workorder.customer_name" => "Completion.CustomerName",
            "workorder.unfinished_reason" => "Unfinished.Reason",
            "workorder.shipment_reference" => "Factory.ShipmentReference",
            "workorder.extra_description" => "Extra.Description",
            _ => "",
        },
        _ => "",
    };
}
