using AfterSales.Domain;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>Where the intake form shows what the domain refused, and the text checks its fields share.</summary>
public static class Intake
{
    /// <summary>Which form field a domain refusal belongs beside.</summary>
    public static string FieldFor(DomainException error) => error.Code switch
    {
        "unit.future_purchase_date" or "unit.purchase_date_too_early" or "warranty.future_purchase_date" => "Input.PurchaseDate",
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

    /// <summary>False when the text holds control characters other than line breaks and tabs (a NUL byte cannot even be stored).</summary>
    public static bool NoControlCharacters(string? text) =>
        text is null || !text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));
}
