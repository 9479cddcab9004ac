using AfterSales.Domain.Customers;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Customers;

/// <summary>
/// Adding and removing a customer's phone numbers on <c>/Customers/{id}</c> (handlers <c>AddPhone</c>, <c>RemovePhone</c>):
/// the new number's form and its checks. A number already on the card is refused by the unique index <see cref="Index"/>.
/// </summary>
public static class CustomerPhones
{
    public const string Index = "ix_customer_phones_customer_id_number";

    public sealed record Command
    {
        public string Number { get; init; } = "";

        public string? Label { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Number).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(40).WithMessage(_ => l["Validation.TooLong", 40])
                .Must(n => PhoneNumber.Digits(n).Length is >= 5 and <= 20).WithMessage(c => l["Domain.phone.invalid", c.Number]);
            RuleFor(c => c.Label).MaximumLength(50).WithMessage(_ => l["Validation.TooLong", 50]);
        }
    }
}
