using AfterSales.Domain.WorkOrders;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>The customer's confirmation: their name, the signature drawn on the screen, their opinion.</summary>
public sealed record CompletionInput
{
    public string? CustomerName { get; init; }

    /// <summary>The drawn signature as a <c>data:image/png;base64,…</c> URL.</summary>
    public string? Signature { get; init; }

    public string? Opinion { get; init; }
}

public sealed class CompletionValidator : AbstractValidator<CompletionInput>
{
    /// <summary>Base64 of the largest signature the domain accepts, plus the data URL prefix.</summary>
    public const int MaxSignatureChars = (WorkOrder.MaxSignatureBytes + 2) / 3 * 4 + 32;

    public CompletionValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.CustomerName).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
        RuleFor(x => x.Opinion).MaximumLength(WorkOrder.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", WorkOrder.NoteMaxLength]);
        RuleFor(x => x.Signature).MaximumLength(MaxSignatureChars).WithMessage(_ => l["Domain.workorder.signature_too_large"]);
    }
}

/// <summary>The visit ends unfinished: why, and the next visit agreed.</summary>
public sealed record UnfinishedInput
{
    public string? Reason { get; init; }

    public DateOnly? NextVisit { get; init; }

    public static UnfinishedInput From(WorkOrder w) => new() { Reason = w.UnfinishedReason, NextVisit = w.NextVisitOn };
}

public sealed class UnfinishedValidator : AbstractValidator<UnfinishedInput>
{
    public UnfinishedValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(WorkOrder.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", WorkOrder.NoteMaxLength]);
        RuleFor(x => x.NextVisit).NotNull().WithMessage(_ => l["Validation.Required"]);
    }
}

/// <summary>The unit goes back to the factory under a shipment reference; the return clock starts.</summary>
public sealed record FactoryInput
{
    public string? ShipmentReference { get; init; }

    public static FactoryInput From(WorkOrder w) => new() { ShipmentReference = w.ShipmentReference };
}

public sealed class FactoryValidator : AbstractValidator<FactoryInput>
{
    public FactoryValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.ShipmentReference).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
}
