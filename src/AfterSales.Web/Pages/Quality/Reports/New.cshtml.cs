using AfterSales.Domain;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Quality;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Quality;
using Severity = AfterSales.Domain.Quality.Severity;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Quality.Reports;

/// <summary>
/// Raises a quality problem report (质量问题报告单) from the complaints selected on the ledger: the form comes
/// prefilled from them (model, serial range, fault, cases, evidence, a quality owner, a due date); the report
/// and the link on each complaint are saved together.
/// </summary>
public sealed class NewModel(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int DefaultDueDays = 14;

    public sealed record Command
    {
        public List<long> ComplaintIds { get; init; } = [];

        public string? Fault { get; init; }

        public Severity Severity { get; init; } = Severity.Major;

        public string? Evidence { get; init; }

        public string? BatchOrSerialRange { get; init; }

        public string? OwnerId { get; init; }

        public DateOnly? DueOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.ComplaintIds).NotEmpty().WithMessage(_ => l["Quality.NoComplaintsSelected"]).Must(ids => ids.Count <= 500);
            RuleFor(c => c.Fault).NotEmpty().WithMessage(_ => l["Quality.FaultRequired"]).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
            RuleFor(c => c.Severity).IsInEnum().WithMessage(_ => l["Domain.quality_report.severity"]);
            RuleFor(c => c.Evidence).MaximumLength(QualityReport.TextMaxLength).WithMessage(_ => l["Validation.TooLong", QualityReport.TextMaxLength]);
            RuleFor(c => c.BatchOrSerialRange).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
            RuleFor(c => c.OwnerId).NotEmpty().WithMessage(_ => l["Quality.OwnerRequired"]).MaximumLength(450);
            RuleFor(c => c.DueOn).NotNull().WithMessage(_ => l["Quality.DueRequired"]);
        }
    }

    public sealed record ComplaintLine(long Id, string TicketNumber, string? FaultCategory, string? Serial, QualityClass? Class, string Summary);

    [BindProperty]
    public Command Input { get; set; } = new();

    public IReadOnlyList<ComplaintLine> Complaints { get; private set; } = [];

    public string? ModelName { get; private set; }

    public IReadOnlyList<(string Id, string Name)> Owners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] List<long> ids, CancellationToken cancellationToken)
    {
        Input = new Command { ComplaintIds = ids.Distinct().Take(500).ToList() };
        await LoadAsync(cancellationToken);
        if (Complaints.Count == 0)
        {
            TempData["Flash"] = (string)l["Quality.NoComplaintsSelected"];
            return RedirectToPage("/Quality/Complaints");
        }

        var complaints = await db.Complaints.AsNoTracking().Where(c => Input.ComplaintIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var serials = Complaints.Select(c => c.Serial).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var me = await db.Users.Where(u => u.UserName == User.Identity!.Name).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        Input = Input with
        {
            Fault = string.Join("、", Complaints.Select(c => c.FaultCategory).OfType<string>().Distinct()) is { Length: > 0 } faults ? faults : Complaints[0].Summary[..Math.Min(Complaints[0].Summary.Length, 500)],
            BatchOrSerialRange = serials.Count == 0 ? null : serials.Count == 1 ? serials[0] : serials[0] + " ~ " + serials[^1],
            Evidence = string.Join("\n", complaints.Select(c => c.ProposalEvidence).OfType<string>().Select(e => l.Show(e)).Distinct()),
            Severity = complaints.Any(c => (c.Class ?? c.ProposedClass) == QualityClass.BatchProblem) ? Severity.Critical : Severity.Major,
            OwnerId = Owners.Any(o => o.Id == me) ? me : Owners.Count > 0 ? Owners[0].Id : null,
            DueOn = clock.Today.AddDays(DefaultDueDays),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input = Input with { ComplaintIds = Input.ComplaintIds.Distinct().ToList() };
        if (ModelState.IsValid)
        {
            var owners = await OwnersQuery().Select(u => u.Id).ToListAsync(cancellationToken);
            if (!owners.Contains(Input.OwnerId!))
            {
                ModelState.AddModelError("Input.OwnerId", l["Quality.OwnerRequired"]);
            }
            else if (await db.Complaints.CountAsync(c => Input.ComplaintIds.Contains(c.Id), cancellationToken) != Input.ComplaintIds.Count)
            {
                ModelState.AddModelError("", l["Quality.NoComplaintsSelected"]);
            }
        }

        return await this.Add(async token =>
            {
                var complaints = await db.Complaints.Where(c => Input.ComplaintIds.Contains(c.Id)).ToListAsync(token);
                var report = QualityReport.Raise(complaints, Input.Fault!, Input.Severity, Input.Evidence, Input.BatchOrSerialRange, Input.OwnerId!, Input.DueOn!.Value, User.Identity!.Name!, clock.UtcNow, clock.Today);
                db.QualityReports.Add(report);
                foreach (var complaint in complaints)
                {
                    complaint.LinkReport(report.Id);
                }

                return report;
            })
            .ErrorsAt(error => error.Code switch { "quality_report.due_past" => "Input.DueOn", "quality_report.fault" => "Input.Fault", _ => "" })
            .ConflictSays(l["Quality.ChangedMeanwhile"])
            .Reload(() => LoadAsync(cancellationToken))
            .Done(report => RedirectToPage("/Quality/Reports/Details", new { id = report.Id }))
            .RunAsync(_ => l["Quality.ReportRaised"], cancellationToken);
    }

    private IQueryable<AppUser> OwnersQuery() => db.UsersInRole(Roles.Quality).Where(u => !u.IsDisabled);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var ids = Input.ComplaintIds;
        Complaints = await (from c in db.Complaints.AsNoTracking()
                            join t in db.Tickets on c.TicketId equals t.Id
                            join u in db.Units on c.UnitId equals (long?)u.Id into units
                            from u in units.DefaultIfEmpty()
                            where ids.Contains(c.Id)
                            orderby c.RecordedAt
                            select new ComplaintLine(c.Id, t.Number, c.FaultCategory, u == null ? null : u.SerialNumber, c.Class ?? c.ProposedClass, c.Summary)).ToListAsync(cancellationToken);
        var modelIds = await db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id) && c.ProductModelId != null).Select(c => c.ProductModelId!.Value).Distinct().ToListAsync(cancellationToken);
        ModelName = string.Join("、", await db.ProductModels.AsNoTracking().Where(m => modelIds.Contains(m.Id)).Select(m => m.Code + " · " + m.Name).ToListAsync(cancellationToken));
        Owners = (await OwnersQuery().AsNoTracking().OrderBy(u => u.UserName).Select(u => new { u.Id, Name = u.FullName + " (" + u.UserName + ")" }).ToListAsync(cancellationToken))
            .Select(u => (u.Id, u.Name)).ToList();
    }
}
