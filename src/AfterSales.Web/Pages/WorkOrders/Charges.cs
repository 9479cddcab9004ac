using AfterSales.Domain.WorkOrders;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>A part fitted or handed over.</summary>
public sealed record PartInput
{
    public string? PartNumber { get; init; }

    public string? Name { get; init; }

    public int? Quantity { get; init; } = 1;

    public decimal? UnitPrice { get; init; }

    public bool HandedToCustomer { get; init; }
}

public sealed class PartValidator : AbstractValidator<PartInput>
{
    public const int MaxQuantity = 1000;
    public const decimal MaxUnitPrice = 1_000_000m;

    public PartValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.PartNumber).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(50).WithMessage(_ => l["Validation.TooLong", 50]);
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
        RuleFor(x => x.Quantity).NotNull().WithMessage(_ => l["Validation.Required"])
            .InclusiveBetween(1, MaxQuantity).WithMessage(_ => l["WorkOrders.QuantityRange", MaxQuantity]);
        RuleFor(x => x.UnitPrice).NotNull().WithMessage(_ => l["Validation.Required"])
            .InclusiveBetween(0m, MaxUnitPrice).WithMessage(_ => l["WorkOrders.AmountRange", MaxUnitPrice]);
    }
}

/// <summary>An extra service sold on site: a separate sale, neither behind the quote's consent nor part of the repair charge.</summary>
public sealed record ExtraServiceInput
{
    public string? Description { get; init; }

    public decimal? Charge { get; init; }

    public decimal? MaterialCost { get; init; }
}

public sealed class ExtraServiceValidator : AbstractValidator<ExtraServiceInput>
{
    public const decimal MaxAmount = 100_000m;

    public ExtraServiceValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Description).NotEmpty().WithMessage(_ => l["Validation.Required"])
            .MaximumLength(ExtraServiceLine.DescriptionMaxLength).WithMessage(_ => l["Validation.TooLong", ExtraServiceLine.DescriptionMaxLength]);
        RuleFor(x => x.Charge).NotNull().WithMessage(_ => l["Validation.Required"])
            .GreaterThan(0m).WithMessage(_ => l["WorkOrders.ExtraChargeRange", MaxAmount])
            .LessThanOrEqualTo(MaxAmount).WithMessage(_ => l["WorkOrders.ExtraChargeRange", MaxAmount]);
        RuleFor(x => x.MaterialCost).InclusiveBetween(0m, MaxAmount).WithMessage(_ => l["WorkOrders.AmountRange", MaxAmount]);
    }
}

/// <summary>The hours (at the technician's rate unless another is typed) and the travel.</summary>
public sealed record LabourInput
{
    public decimal? Hours { get; init; }

    public decimal? HourlyRate { get; init; }

    public decimal? TravelCost { get; init; }

    public string? TravelNote { get; init; }

    /// <summary>What was saved; before any hours, the technician's own rate.</summary>
    public static LabourInput From(WorkOrder w, decimal defaultHourlyRate) => new()
    {
        Hours = w.LabourHours > 0 ? w.LabourHours : null,
        HourlyRate = w.LabourHours > 0 ? w.HourlyRate : defaultHourlyRate,
        TravelCost = w.TravelCost > 0 ? w.TravelCost : null,
        TravelNote = w.TravelNote,
    };
}

public sealed class LabourValidator : AbstractValidator<LabourInput>
{
    public const decimal MaxHours = 100m;
    public const decimal MaxAmount = 100_000m;

    public LabourValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Hours).NotNull().WithMessage(_ => l["Validation.Required"])
            .InclusiveBetween(0m, MaxHours).WithMessage(_ => l["WorkOrders.HoursRange", MaxHours]);
        RuleFor(x => x.HourlyRate).InclusiveBetween(0m, 10_000m).WithMessage(_ => l["WorkOrders.AmountRange", 10_000m]);
        RuleFor(x => x.TravelCost).InclusiveBetween(0m, MaxAmount).WithMessage(_ => l["WorkOrders.AmountRange", MaxAmount]);
        RuleFor(x => x.TravelNote).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
    }
}
