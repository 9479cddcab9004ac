using AfterSales.Domain;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
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
/// Each step is a form; its handler names the use case in <see cref="FieldSteps"/> (inputs in Visit.cs, Charges.cs,
/// Outcome.cs) and the domain refuses a step out of order. Only the work order's own technician changes it; the desk,
/// dispatch and managers read it; any other technician gets 404.
/// </summary>
public sealed class DetailsModel(AfterSalesDbContext db, CompanyClock clock, WorkCalendar workCalendar, IStringLocalizer<SharedResource> l) : PageModel
{
    private readonly FieldSteps _steps = new(db, clock, workCalendar);

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

    // Visit: accept, arrive, diagnose.
    public Task<IActionResult> OnPostAcceptAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, _steps.Accept, "WorkOrders.Accepted", ct);

    [ValidatesForm(nameof(Arrival))]
    public Task<IActionResult> OnPostArriveAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.Arrive(w, Arrival), "WorkOrders.Arrived", ct);

    [ValidatesForm(nameof(Diagnosis))]
    public Task<IActionResult> OnPostDiagnoseAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.DiagnoseAsync(w, Diagnosis, ct), async w =>
            await _steps.WaitsForConsentAsync(w, ct) ? l["WorkOrders.DiagnosedStop"] : l["WorkOrders.Diagnosed"], ct);

    // Charges: parts, extra services (a separate sale), hours and travel.
    [ValidatesForm(nameof(Part))]
    public Task<IActionResult> OnPostAddPartAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.AddPart(w, Part), "WorkOrders.PartAdded", ct);

    public Task<IActionResult> OnPostRemovePartAsync(long id, uint version, int index, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.RemovePart(w, index), "WorkOrders.PartRemoved", ct);

    [ValidatesForm(nameof(Extra))]
    public Task<IActionResult> OnPostAddExtraAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.AddExtra(w, Extra), "WorkOrders.ExtraAdded", ct);

    public Task<IActionResult> OnPostRemoveExtraAsync(long id, uint version, int index, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.RemoveExtra(w, index), "WorkOrders.ExtraRemoved", ct);

    [ValidatesForm(nameof(Labour))]
    public Task<IActionResult> OnPostLabourAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.RecordLabourAsync(w, Labour, ct), "WorkOrders.LabourRecorded", ct);

    // Outcome: completed with the customer's signature, unfinished, or back to the factory.
    [ValidatesForm(nameof(Completion))]
    public Task<IActionResult> OnPostCompleteAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.Complete(w, Completion), "WorkOrders.Completed", ct);

    [ValidatesForm(nameof(Unfinished))]
    public Task<IActionResult> OnPostUnfinishedAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.LeaveUnfinished(w, Unfinished), "WorkOrders.LeftUnfinished", ct);

    [ValidatesForm(nameof(Factory))]
    public Task<IActionResult> OnPostFactoryAsync(long id, uint version, CancellationToken ct) =>
        StepAsync(id, version, w => _steps.ReturnToFactoryAsync(w, Factory, ct), "WorkOrders.SentToFactory", ct);

    private Task<IActionResult> StepAsync(long id, uint version, Action<WorkOrder> act, string flash, CancellationToken ct) =>
        StepAsync(id, version, w => { act(w); return Task.CompletedTask; }, flash, ct);

    private Task<IActionResult> StepAsync(long id, uint version, Func<WorkOrder, Task> act, string flash, CancellationToken ct) =>
        StepAsync(id, version, act, _ => Task.FromResult<string>(l[flash]), ct);

    /// <summary>Only the work order's own technician records a step; the shared change path does the rest (the events' effects are saved with it).</summary>
    private Task<IActionResult> StepAsync(long id, uint version, Func<WorkOrder, Task> act, Func<WorkOrder, Task<string>> flash, CancellationToken cancellationToken) =>
        this.Change(db.WorkOrders.Where(w => w.Id == id), version)
            .Allow(OwnTechnicianOnlyAsync)
            .ErrorsAt(FieldWork.FieldFor)
            .ConflictSays(l["WorkOrders.ChangedMeanwhile"])
            .Reload(() => LoadAsync(id, fillInputs: false, cancellationToken))
            .Done(_ => RedirectToPage(new { id }))
            .RunAsync(async w =>
            {
                await act(w);
                return (string?)await flash(w);
            }, cancellationToken);

    /// <summary>Someone who may not see the work order gets 404 (as if it did not exist); one who may see but not change it, 403.</summary>
    private async Task<IActionResult?> OwnTechnicianOnlyAsync(WorkOrder workOrder) =>
        !await this.AllowsAsync(Policies.ViewWorkOrder, workOrder) ? (IActionResult)NotFound()
        : !await this.AllowsAsync(Policies.ChangeWorkOrder, workOrder) ? Forbid()
        : null;

    private async Task LoadAsync(long id, bool fillInputs, CancellationToken cancellationToken)
    {
        View = (await WorkOrderView.LoadAsync(db, id, clock.Today, await workCalendar.GetAsync(cancellationToken), cancellationToken))!;
        CanAct = await this.AllowsAsync(Policies.ChangeWorkOrder, View.WorkOrder);
        CurrentStep = JobSteps.Current(View.WorkOrder.Status, View.WaitingForConsent, View.WorkOrder.Parts.Count, View.WorkOrder.LabourHours);
        if (fillInputs)
        {
            // What was saved shows in its form, so a reload (or the next visit) starts from it.
            var w = View.WorkOrder;
            Arrival = ArrivalInput.From(w);
            Diagnosis = DiagnosisInput.From(w);
            Labour = LabourInput.From(w, View.DefaultHourlyRate);
            Completion = new CompletionInput { CustomerName = View.CustomerName };
            Unfinished = UnfinishedInput.From(w);
            Factory = FactoryInput.From(w);
        }
    }
}
