using AfterSales.Domain;
using AfterSales.Domain.Customers;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Customers;

/// <summary>
/// Registering another unit for the customer on <c>/Customers/{id}</c> (handler <c>AddUnit</c>): the form, its checks,
/// and the new unit it makes. A serial number already registered for the model is refused by the unique index <see cref="SerialIndex"/>.
/// </summary>
public static class RegisterUnit
{
    public const string SerialIndex = "ix_units_product_model_id_serial_number";

    public sealed record Command
    {
        public long ProductModelId { get; init; }

        public string SerialNumber { get; init; } = "";

        /// <summary>yyyy-MM-dd as a date input sends it; blank when the customer does not know.</summary>
        public string? PurchaseDate { get; init; }

        public bool HasProofOfPurchase { get; init; }

        public string? InvoiceNumber { get; init; }

        public string? Dealer { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.ProductModelId).GreaterThan(0).WithMessage(_ => l["Customers.ModelRequired"]);
            RuleFor(c => c.SerialNumber).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64]);
            RuleFor(c => c.PurchaseDate).Must(FormDate.IsBlankOrDate).WithMessage(_ => l["Validation.Date"]);
            RuleFor(c => c.InvoiceNumber).MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64]);
            RuleFor(c => c.Dealer).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
        }
    }

    /// <summary>The unit the form registers (the domain refuses a purchase date in the future or implausibly early).</summary>
    public static Unit Create(long customerId, Command input, DateOnly today) =>
        new(customerId, input.ProductModelId, input.SerialNumber, FormDate.ParseOptional(input.PurchaseDate),
            input.HasProofOfPurchase, input.InvoiceNumber, input.Dealer, today);

    /// <summary>Where a refusal of the unit is shown: a date refusal beside the date, anything else above the form.</summary>
    public static string ErrorKey(DomainException error) =>
        error.Code is "unit.future_purchase_date" or "unit.purchase_date_too_early" ? "NewUnit.PurchaseDate" : "NewUnit";
}
