using AfterSales.Domain;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Web.Infrastructure.WorkOrders;

/// <summary>The ticket side of a technician's steps: starting work behind the consent gate, re-deciding warranty on human damage, reading the drawn signature.</summary>
public static class FieldWork
{
    private const string PngDataUrlPrefix = "data:image/png;base64,";

    /// <summary>
    /// Makes sure the ticket is in progress before parts, hours or a result are recorded. A ticket that went back
    /// for a quote (human damage found) and was since accepted, or is now in warranty, is handed back to the
    /// work order's technician first. Out of warranty without an accepted quote the domain refuses with
    /// <c>ticket.consent_required</c>.
    /// </summary>
    public static void EnsureWorkStarted(Ticket ticket, string technicianId, DateTimeOffset now)
    {
        if (ticket.Status == TicketStatus.InProgress)
        {
            return;
        }

        if (ticket.Status != TicketStatus.Assigned && ticket.CanMoveTo(TicketStatus.Assigned))
        {
            ticket.Assign(technicianId, now);
        }

        ticket.StartWork(now);
    }

    /// <summary>The warranty decision for the ticket's unit as the technician found it (human damage or not).</summary>
    public static WarrantyDecision Redecide(ProductModel? model, Unit? unit, bool humanDamage, DateOnly today) =>
        UnitWarranty.Decide(model, unit?.PurchaseDate, unit?.HasProofOfPurchase ?? false, unit?.SerialNumber, today, humanDamage);

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
