using AfterSales.Domain.WorkOrders;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>At the customer's: is the unit complete and untampered? Anything else goes in the note.</summary>
public sealed record ArrivalInput
{
    public bool UnitComplete { get; init; } = true;

    public string? Note { get; init; }

    /// <summary>What was saved, so a reload (or the next visit) starts from it.</summary>
    public static ArrivalInput From(WorkOrder w) => new() { UnitComplete = w.UnitComplete ?? true, Note = w.ArrivalNote };
}

public sealed class ArrivalValidator : AbstractValidator<ArrivalInput>
{
    public ArrivalValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.Note).MaximumLength(WorkOrder.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", WorkOrder.NoteMaxLength]);
}

/// <summary>The fault found, whether the user caused it (the ticket's warranty is decided again), whether parts must be ordered.</summary>
public sealed record DiagnosisInput
{
    public string? Fault { get; init; }

    public bool HumanDamage { get; init; }

    /// <summary>The diagnosis decides parts must be replaced (ordered): the 7-working-day clock starts (Part 4 1.3.3.1).</summary>
    public bool PartsNeeded { get; init; }

    public static DiagnosisInput From(WorkOrder w) => new() { Fault = w.Diagnosis, HumanDamage = w.HumanDamage, PartsNeeded = w.PartsNeeded };
}

public sealed class DiagnosisValidator : AbstractValidator<DiagnosisInput>
{
    public DiagnosisValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.Fault).NotEmpty().WithMessage(_ => l["Validation.Required"])
            .MaximumLength(WorkOrder.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", WorkOrder.NoteMaxLength]);
}
