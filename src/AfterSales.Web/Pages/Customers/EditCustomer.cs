using AfterSales.Domain.Customers;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Customers;

/// <summary>
/// Editing who the customer is and how to reach them on <c>/Customers/{id}</c> (handler <c>Update</c>): the form,
/// its checks, and the version it was drawn from (a conflict shows the other person's values beside each field).
/// </summary>
public static class EditCustomer
{
    public sealed record Command
    {
        public string Kind { get; init; } = nameof(CustomerKind.Person);

        public string Name { get; init; } = "";

        public string? ContactPerson { get; init; }

        public string? Address { get; init; }

        public uint Version { get; init; }

        /// <summary>The form as the stored customer fills it.</summary>
        public static Command Of(Customer customer) =>
            new() { Kind = customer.Kind.ToString(), Name = customer.Name, ContactPerson = customer.ContactPerson, Address = customer.Address, Version = customer.Version };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Kind).IsEnumName(typeof(CustomerKind), caseSensitive: true).WithMessage(_ => l["Customers.KindRequired"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
            RuleFor(c => c.ContactPerson).MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
            RuleFor(c => c.Address).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
        }
    }

    /// <summary>The customer as the form says (the validator has checked the kind).</summary>
    public static void Apply(Customer customer, Command input) =>
        customer.Update(Enum.Parse<CustomerKind>(input.Kind), input.Name, input.ContactPerson, input.Address);
}
