using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tickets;

// The intake form's two commands: log a new call, or add the call to the caller's open ticket (催修).

/// <summary>The call is added to the caller's open ticket <see cref="TicketNumber"/>; what the caller said is the note.</summary>
public sealed record RepeatCallCommand
{
    public Guid IntakeKey { get; init; }

    public long? CustomerId { get; init; }

    public long? UnitId { get; init; }

    public string? TicketNumber { get; init; }

    /// <summary>The fault field of the form: what the caller said this time.</summary>
    public string? FaultDescription { get; init; }
}

public sealed class RepeatCallValidator : AbstractValidator<RepeatCallCommand>
{
    public RepeatCallValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(c => c.IntakeKey).NotEmpty().WithMessage(_ => l["Intake.FormExpired"]);
        RuleFor(c => c.CustomerId).NotNull().WithMessage(_ => l["Intake.RepeatNeedsCaller"]);
        RuleFor(c => c.UnitId).NotNull().WithMessage(_ => l["Intake.RepeatNeedsCaller"]);
        RuleFor(c => c.TicketNumber).NotEmpty().WithMessage(_ => l["Intake.RepeatWrongTicket"])
            .MaximumLength(Ticket.NumberMaxLength).WithMessage(_ => l["Intake.RepeatWrongTicket"]);
        RuleFor(c => c.FaultDescription).MaximumLength(Ticket.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.NoteMaxLength])
            .Must(Intake.NoControlCharacters).WithMessage(_ => l["Validation.ControlChars"]);
    }
}

public sealed record IntakeCommand
{
    public Guid IntakeKey { get; init; }

    public string? Phone { get; init; }

    public long? CustomerId { get; init; }

    public CustomerKind CustomerKind { get; init; } = CustomerKind.Person;

    public string? CustomerName { get; init; }

    public string? Address { get; init; }

    public long? UnitId { get; init; }

    public long? ProductModelId { get; init; }

    public string? SerialNumber { get; init; }

    public DateOnly? PurchaseDate { get; init; }

    public bool HasProof { get; init; }

    public string? InvoiceNumber { get; init; }

    public string? Dealer { get; init; }

    public ContactChannel Channel { get; init; } = ContactChannel.Phone;

    public TicketKind Kind { get; init; } = TicketKind.Repair;

    public string? FaultDescription { get; init; }

    public Urgency Urgency { get; init; } = Urgency.Normal;

    public string? PreferredTime { get; init; }

    public ServiceMode ServiceMode { get; init; } = ServiceMode.OnSite;

    public decimal? EstimatedAmount { get; init; }

    public bool AnswerNow { get; init; }

    public string? Answer { get; init; }

    /// <summary>For a complaint: a short fault category for the complaint ledger ("不制冷", "漏水"…).</summary>
    public string? FaultCategory { get; init; }
}

public sealed class IntakeValidator : AbstractValidator<IntakeCommand>
{
    public IntakeValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(c => c.IntakeKey).NotEmpty().WithMessage(_ => l["Intake.FormExpired"]);
        RuleFor(c => c.Phone).NotEmpty().WithMessage(_ => l["Intake.PhoneRequired"])
            .Must(p => PhoneNumber.Digits(p).Length is >= 5 and <= 20).WithMessage(_ => l["Domain.phone.invalid"])
            .MaximumLength(30).WithMessage(_ => l["Validation.TooLong", 30]);
        RuleFor(c => c.CustomerName).NotEmpty().When(c => c.CustomerId is null).WithMessage(_ => l["Intake.CustomerNameRequired"])
            .MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
        RuleFor(c => c.Address).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
        RuleFor(c => c.CustomerKind).IsInEnum();
        RuleFor(c => c.ProductModelId).NotNull()
            .When(c => c.UnitId is null && c.Kind is TicketKind.Repair or TicketKind.Installation or TicketKind.Exchange)
            .WithMessage(_ => l["Intake.ModelRequired"]);
        RuleFor(c => c.SerialNumber).MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64])
            .Matches("^[A-Za-z0-9][A-Za-z0-9/_.-]*$").When(c => !string.IsNullOrWhiteSpace(c.SerialNumber)).WithMessage(_ => l["Intake.SerialChars"]);
        RuleFor(c => c.InvoiceNumber).MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64]);
        RuleFor(c => c.Dealer).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
        RuleFor(c => c.Channel).IsInEnum();
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Urgency).IsInEnum();
        RuleFor(c => c.ServiceMode).IsInEnum();
        RuleFor(c => c.FaultDescription).NotEmpty().WithMessage(_ => l["Intake.FaultRequired"])
            .MaximumLength(Ticket.FaultDescriptionMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.FaultDescriptionMaxLength])
            .Must(Intake.NoControlCharacters).WithMessage(_ => l["Validation.ControlChars"]);
        RuleFor(c => c.PreferredTime).MaximumLength(Ticket.PreferredTimeMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.PreferredTimeMaxLength]);
        RuleFor(c => c.EstimatedAmount).InclusiveBetween(0, 10_000_000).WithMessage(_ => l["Intake.EstimateRange"]);
        RuleFor(c => c.Answer).NotEmpty().When(c => c.AnswerNow).WithMessage(_ => l["Intake.AnswerRequired"])
            .MaximumLength(Ticket.AnswerMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.AnswerMaxLength]);
        RuleFor(c => c.FaultCategory).MaximumLength(50).WithMessage(_ => l["Validation.TooLong", 50]);
        RuleFor(c => c.AnswerNow).Equal(false).When(c => c.Kind != TicketKind.Consultation).WithMessage(_ => l["Intake.AnswerOnlyConsultation"]);
    }
}

