using AfterSales.Domain;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.WorkOrders;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>
/// One work order on the technician's phone: accept → arrive → diagnose → parts, hours, travel → completed
/// (customer's name, drawn signature, opinion), unfinished (reason, next visit) or returned to the factory;
/// extra services sold on site are recorded beside the parts, as a separate sale.
/// Each step is a form; the domain refuses a step out of order. Only the work order's own technician changes
/// it; the desk, dispatch and managers read it; any other technician gets 404.
/// </summary>
public sealed class DetailsModel(AfterSalesDbContext db, CompanyClock clock, WorkCalendar workCalendar, IServiceProvider services, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record ArrivalInput
    {
        public bool UnitComplete { get; init; } = true;

        public string? Note { get; init; }
    }

    public sealed class ArrivalValidator : AbstractValidator<ArrivalInput>
    {
        public ArrivalValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(x => x.Note).MaximumLength(WorkOrder.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", WorkOrder.NoteMaxLength]);
    }

    public sealed record DiagnosisInput
    {
        public string? Fault { get; init; }

        public bool HumanDamage { get; init; }

        /// <summary>The diagnosis decides parts must be replaced (ordered): the 7-working-day clock starts (Part 4 1.3.3.1).</summary>
        public bool PartsNeeded { get; init; }
    }

    public sealed class DiagnosisValidator : AbstractValidator<DiagnosisInput>
    {
        public DiagnosisValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(x => x.Fault).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(WorkOrder.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", WorkOrder.NoteMaxLength]);
    }

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

    public sealed record LabourInput
    {
        public decimal? Hours { get; init; }

        public decimal? HourlyRate { get; init; }

        public decimal? TravelCost { get; init; }

        public string? TravelNote { get; init; }
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

    public sealed record UnfinishedInput
    {
        public string? Reason { get; init; }

        public DateOnly? NextVisit { get; init; }
    }

    public sealed class UnfinishedValidator : AbstractValidator<UnfinishedInput>
    {
        public UnfinishedValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Reason).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(WorkOrder.NoteMaxLength).WithMessage(_ => l["Validation.TooLong", WorkOrder.NoteMaxLength]);
            RuleFor(x => x.NextVisit).NotNull().WithMessage(_ => l["Validation.Required"]);
        }
    }

    public sealed record FactoryInput
    {
        public string? ShipmentReference { get; init; }
    }

    public sealed class FactoryValidator : AbstractValidator<FactoryInput>
    {
        public FactoryValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(x => x.ShipmentReference).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
    }

    public WorkOrderView View { get; private set; } = null!;

    /// <summary>The signed-in user is this work order's technician and may record its steps.</summary>
    public bool CanAct { get; private set; }

    public DateOnly Today => clock.Today;

    /// <summary>The step the job is at (accept → arrive → diagnose → parts/quote → repair → customer confirmation → completed).</summary>
    public JobStep CurrentStep { get; private set; }

    /// <summary>
    /// The customer's address as a search in Amap (高德地图): on a Chinese phone the link opens the Amap app when it
    /// is installed (callnative=1), else Amap's web map; null without an address.
    /// </summary>
    public string? MapUrl => View.Address is { Length: > 0 } address
        ? "https://uri.amap.com/search?keyword=" + Uri.EscapeDataString(address) + "&src=aftersales&callnative=1"
        : null;

    public JobStepState StateOf(JobStep step) => JobSteps.StateOf(step, CurrentStep);

    /// <summary>The current step is open; earlier and later ones are folded, unless a form in them was just refused.</summary>
    public bool IsOpen(JobStep step) => step == CurrentStep || StepPrefixes(step).Any(prefix =>
        ModelState.Any(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 }));

    public string Mark(JobStep step) => StateOf(step) switch
    {
        JobStepState.Done => "✓",
        JobStepState.Current => "●",
        _ => "○",
    };

    private static string[] StepPrefixes(JobStep step) => step switch
    {
        JobStep.Arrive => ["Arrival."],
        JobStep.Diagnose => ["Diagnosis."],
        JobStep.Parts => ["Part."],
        JobStep.Repair => ["Labour."],
        JobStep.Confirm => ["Completion.", "Extra."],
        _ => [],
    };

    [BindProperty]
    public ArrivalInput Arrival { get; set; } = new();

    [BindProperty]
    public DiagnosisInput Diagnosis { get; set; } = new();

    [BindProperty]
    public PartInput Part { get; set; } = new();

    [BindProperty]
    public ExtraServiceInput Extra { get; set; } = new();

    [BindProperty]
    public LabourInput Labour { get; set; } = new();

    [BindProperty]
    public CompletionInput Completion { get; set; } = new();

    [BindProperty]
    public UnfinishedInput Unfinished { get; set; } = new();

    [BindProperty]
    public FactoryInput Factory { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workOrder is null || !await this.AllowsAsync(Policies.ViewWorkOrder, workOrder))
        {
            return NotFound();
        }

        await LoadAsync(id, fillInputs: true, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, null, (w, _) =>
        {
            w.Accept(clock.UtcNow);
            return Task.FromResult(Say("WorkOrders.Accepted"));
        }, cancellationToken);

    public Task<IActionResult> OnPostArriveAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, () => Valid(Arrival, "Arrival."), (w, _) =>
        {
            w.Arrive(clock.UtcNow, Arrival.UnitComplete, Arrival.Note);
            return Task.FromResult(Say("WorkOrders.Arrived"));
        }, cancellationToken);

    public Task<IActionResult> OnPostDiagnoseAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, () => Valid(Diagnosis, "Diagnosis."), async (w, ticket) =>
        {
            // Human damage found or withdrawn re-decides the ticket's warranty as the save dispatches the work order's event.
            w.Diagnose(Diagnosis.Fault ?? "", Diagnosis.HumanDamage, clock.UtcNow, Diagnosis.PartsNeeded, clock.Today, await workCalendar.GetAsync(cancellationToken));
            return () => ticket.WarrantyStatus != Domain.Warranty.WarrantyStatus.InWarranty && !ticket.HasAcceptedConsent
                ? l["WorkOrders.DiagnosedStop"]
                : l["WorkOrders.Diagnosed"];
        }, cancellationToken);

    public Task<IActionResult> OnPostAddPartAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, () => Valid(Part, "Part."), (w, _) =>
        {
            w.AddPart(new PartLine(Part.PartNumber ?? "", Part.Name ?? "", Part.Quantity ?? 0, Part.UnitPrice ?? 0m, Part.HandedToCustomer));
            return Task.FromResult(Say("WorkOrders.PartAdded"));
        }, cancellationToken);

    public Task<IActionResult> OnPostRemovePartAsync(long id, uint version, int index, CancellationToken cancellationToken) =>
        StepAsync(id, version, null, (w, _) =>
        {
            w.RemovePart(index);
            return Task.FromResult(Say("WorkOrders.PartRemoved"));
        }, cancellationToken);

    /// <summary>
    /// An extra service sold on site. A separate sale the customer agrees to there and then: it neither needs the
    /// repair quote's consent nor starts the repair.
    /// </summary>
    public Task<IActionResult> OnPostAddExtraAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, () => Valid(Extra, "Extra."), (w, _) =>
        {
            w.AddExtraService(Extra.Description, Extra.Charge ?? 0m, Extra.MaterialCost ?? 0m);
            return Task.FromResult(Say("WorkOrders.ExtraAdded"));
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveExtraAsync(long id, uint version, int index, CancellationToken cancellationToken) =>
        StepAsync(id, version, null, (w, _) =>
        {
            w.RemoveExtraService(index);
            return Task.FromResult(Say("WorkOrders.ExtraRemoved"));
        }, cancellationToken);

    public Task<IActionResult> OnPostLabourAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, () => Valid(Labour, "Labour."), async (w, _) =>
        {
            var rate = Labour.HourlyRate ?? await db.TechnicianProfiles.Where(p => p.TechnicianId == w.TechnicianId).Select(p => (decimal?)p.HourlyRate).FirstOrDefaultAsync(cancellationToken) ?? 80m;
            w.RecordLabour(Labour.Hours ?? 0m, rate, Labour.TravelCost ?? 0m, Labour.TravelNote);
            return Say("WorkOrders.LabourRecorded");
        }, cancellationToken);

    public Task<IActionResult> OnPostCompleteAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, () => Valid(Completion, "Completion."), (w, _) =>
        {
            // The ticket's repair is completed and its follow-up call added as the save dispatches the work order's event.
            w.Complete(Completion.CustomerName ?? "", FieldWork.DecodeSignature(Completion.Signature), Completion.Opinion, clock.UtcNow);
            return Task.FromResult(Say("WorkOrders.Completed"));
        }, cancellationToken);

    public Task<IActionResult> OnPostUnfinishedAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, () => Valid(Unfinished, "Unfinished."), (w, _) =>
        {
            w.MarkUnfinished(Unfinished.Reason ?? "", Unfinished.NextVisit ?? clock.Today, clock.Today);
            return Task.FromResult(Say("WorkOrders.LeftUnfinished"));
        }, cancellationToken);

    public Task<IActionResult> OnPostFactoryAsync(long id, uint version, CancellationToken cancellationToken) =>
        StepAsync(id, version, () => Valid(Factory, "Factory."), async (w, ticket) =>
        {
            var days = ticket.ProductModelId is { } m
                ? await db.ProductModels.Where(x => x.Id == m).Select(x => (int?)x.Category!.ReturnToFactoryDays).FirstOrDefaultAsync(cancellationToken)
                : null;
            w.ReturnToFactory(Factory.ShipmentReference ?? "", clock.Today, days ?? RepairClock.MaxReturnToFactoryWorkingDays, await workCalendar.GetAsync(cancellationToken));
            return Say("WorkOrders.SentToFactory");
        }, cancellationToken);

    /// <summary>Load, check it is the technician's own, check the shape, let the domain decide, save once, redirect.</summary>
    private async Task<IActionResult> StepAsync(long id, uint version, Func<bool>? validate, Func<WorkOrder, Ticket, Task<Func<string>>> step, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workOrder is null || !await this.AllowsAsync(Policies.ViewWorkOrder, workOrder))
        {
            return NotFound();
        }

        if (!await this.AllowsAsync(Policies.ChangeWorkOrder, workOrder))
        {
            return Forbid();
        }

        if (validate is not null && !validate())
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, fillInputs: false, cancellationToken);
            return Page();
        }

        db.Entry(workOrder).Property(w => w.Version).OriginalValue = version;
        var ticket = await db.Tickets.FirstAsync(t => t.Id == workOrder.TicketId, cancellationToken);
        try
        {
            var message = await step(workOrder, ticket);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Flash"] = message();
            return RedirectToPage(new { id });
        }
        catch (DomainException error)
        {
            ModelState.AddModelError(FieldWork.FieldFor(error), l.Translate(error));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["WorkOrders.ChangedMeanwhile"]);
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, fillInputs: false, cancellationToken);
        return Page();
    }

    private Func<string> Say(string key) => () => l[key];

    private bool Valid<T>(T input, string prefix) =>
        this.Validate(services.GetRequiredService<IValidator<T>>(), input, prefix) & ModelState.IsValid;

    private async Task LoadAsync(long id, bool fillInputs, CancellationToken cancellationToken)
    {
        View = (await WorkOrderView.LoadAsync(db, id, clock.Today, await workCalendar.GetAsync(cancellationToken), cancellationToken))!;
        CanAct = await this.AllowsAsync(Policies.ChangeWorkOrder, View.WorkOrder);
        CurrentStep = JobSteps.Current(View.WorkOrder.Status, View.WaitingForConsent, View.WorkOrder.Parts.Count, View.WorkOrder.LabourHours);
        if (fillInputs)
        {
            // What was saved shows in its form, so a reload (or the next visit) starts from it.
            var w = View.WorkOrder;
            Arrival = new ArrivalInput { UnitComplete = w.UnitComplete ?? true, Note = w.ArrivalNote };
            Unfinished = new UnfinishedInput { Reason = w.UnfinishedReason, NextVisit = w.NextVisitOn };
            Factory = new FactoryInput { ShipmentReference = w.ShipmentReference };
            Diagnosis = new DiagnosisInput { Fault = w.Diagnosis, HumanDamage = w.HumanDamage, PartsNeeded = w.PartsNeeded };
            Labour = new LabourInput
            {
                Hours = w.LabourHours > 0 ? w.LabourHours : null,
                HourlyRate = w.LabourHours > 0 ? w.HourlyRate : View.DefaultHourlyRate,
                TravelCost = w.TravelCost > 0 ? w.TravelCost : null,
                TravelNote = w.TravelNote,
            };
            Completion = new CompletionInput { CustomerName = View.CustomerName };
        }
    }
}
