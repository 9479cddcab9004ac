using AfterSales.Domain;
using AfterSales.Domain.Dispatch;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.Dispatch;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Technicians;

/// <summary>
/// Technicians as dispatch sees them: rotation order, skills, open-job limit, hourly rate and today's status,
/// plus their leave and off-duty days (请假、轮休), which decide who can be dispatched.
/// </summary>
public sealed class IndexModel(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Command
    {
        public string? TechnicianId { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }

        public AvailabilityKind Kind { get; init; } = AvailabilityKind.Leave;

        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.TechnicianId).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(450);
            RuleFor(c => c.From).NotNull().WithMessage(_ => l["Validation.Date"]);
            RuleFor(c => c.To).NotNull().WithMessage(_ => l["Validation.Date"])
                .Must((c, to) => c.From is null || to is null || to >= c.From).WithMessage(_ => l["Domain.availability.range"])
                .Must((c, to) => c.From is null || to is null || to.Value.DayNumber - c.From.Value.DayNumber <= 366).WithMessage(_ => l["Dispatch.Technicians.RangeTooLong"]);
            RuleFor(c => c.Kind).IsInEnum().WithMessage(_ => l["Domain.availability.kind"]);
            RuleFor(c => c.Note).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
        }
    }

    public const int PageSize = TechnicianList.PageSize;

    public IReadOnlyList<TechnicianList.Row> Rows { get; private set; } = [];

    /// <summary>Rotation position of the last technician on the previous page (keyset); null on the first page.</summary>
    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageText { get; set; }

    /// <summary>Filter: the technicians of one station (their department).</summary>
    [BindProperty(SupportsGet = true, Name = "station")]
    public string? Station { get; set; }

    /// <summary>Filter: the technicians who repair one product category (its code, chosen by name).</summary>
    [BindProperty(SupportsGet = true, Name = "skill")]
    public string? Skill { get; set; }

    public IReadOnlyList<string> Stations { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Skills { get; private set; } = [];

    public bool FilterIgnored { get; private set; }

    /// <summary>The list's address with its filters and, for a next page, the cursor.</summary>
    public string Link(int? after, int? page) => Url.Page("/Technicians/Index", new Microsoft.AspNetCore.Routing.RouteValueDictionary
    {
        ["station"] = Station,
        ["skill"] = Skill,
        ["after"] = after,
        ["p"] = page,
    })!;

    public int PageNumber { get; private set; } = 1;

    public int Total { get; private set; }

    public int? NextAfter { get; private set; }

    public IReadOnlyList<TechnicianList.AbsenceView> Absences { get; private set; } = [];

    public DateOnly Today { get; private set; }

    [BindProperty]
    public Command Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new Command { From = clock.Today, To = clock.Today };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        string? technicianId = null;
        if (ModelState.IsValid)
        {
            // Typed as a user name (the list on the page suggests those shown), or an id from a link.
            var named = Input.TechnicianId!.Trim();
            var normalized = named.ToUpperInvariant();
            technicianId = await (from p in db.TechnicianProfiles
                                  join u in db.Users on p.TechnicianId equals u.Id
                                  where p.TechnicianId == named || u.NormalizedUserName == normalized
                                  select p.TechnicianId).FirstOrDefaultAsync(cancellationToken);
            if (technicianId is null)
            {
                ModelState.AddModelError("Input.TechnicianId", l["Dispatch.Technicians.Unknown"]);
            }
        }

        return await this.Add(() => new AvailabilityEntry(technicianId!, Input.From!.Value, Input.To!.Value, Input.Kind, Input.Note))
            .ErrorsAt(error => error.Code == "availability.range" ? "Input.To" : "")
            .Reload(() => LoadAsync(cancellationToken))
            .RunAsync(_ => l["Dispatch.Technicians.AbsenceAdded"], cancellationToken);
    }

    public Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken cancellationToken) =>
        this.Change(db.Availability.Where(a => a.Id == id))
            .IgnoringInput()
            .RunAsync(entry =>
            {
                db.Availability.Remove(entry);
                return l["Dispatch.Technicians.AbsenceRemoved"];
            }, cancellationToken);

    /// <summary>A page of technicians (<see cref="TechnicianList"/>) with their leave.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today;
        var list = await new TechnicianList(db, l).LoadAsync(Station, Skill, After, PageText, Today, cancellationToken);
        (Station, Skill, FilterIgnored, Total, PageNumber, NextAfter) = (list.Station, list.Skill, list.FilterIgnored, list.Total, list.PageNumber, list.NextAfter);
        (Rows, Stations, Skills, Absences) = (list.Rows, list.Stations, list.Skills, list.Absences);
    }
}
