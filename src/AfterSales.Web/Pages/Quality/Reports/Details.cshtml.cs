using AfterSales.Domain;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Quality;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Changes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Quality.Reports;

/// <summary>One quality problem report with its complaints, worked through root cause and corrective action, verification, and closed when the action proves effective.</summary>
public sealed class DetailsModel(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public enum StepKind
    {
        Act,
        StartVerification,
        Verify,
    }

    public sealed record StepCommand
    {
        public StepKind Kind { get; init; }

        public uint Version { get; init; }

        public string? RootCause { get; init; }

        public string? CorrectiveAction { get; init; }

        public bool Effective { get; init; }

        public string? Verification { get; init; }
    }

    public sealed class StepValidator : AbstractValidator<StepCommand>
    {
        public StepValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.RootCause).NotEmpty().When((c, context) => KindOf(c, context) == StepKind.Act).WithMessage(_ => l["Quality.TextRequired"])
                .MaximumLength(QualityReport.TextMaxLength).WithMessage(_ => l["Validation.TooLong", QualityReport.TextMaxLength]);
            RuleFor(c => c.CorrectiveAction).NotEmpty().When((c, context) => KindOf(c, context) == StepKind.Act).WithMessage(_ => l["Quality.TextRequired"])
                .MaximumLength(QualityReport.TextMaxLength).WithMessage(_ => l["Validation.TooLong", QualityReport.TextMaxLength]);
            RuleFor(c => c.Verification).NotEmpty().When((c, context) => KindOf(c, context) == StepKind.Verify).WithMessage(_ => l["Quality.TextRequired"])
                .MaximumLength(QualityReport.TextMaxLength).WithMessage(_ => l["Validation.TooLong", QualityReport.TextMaxLength]);
        }

        /// <summary>The step is the button pressed (the handler's name), not a field the form could forge.</summary>
        private static StepKind KindOf(StepCommand command, IValidationContext context) =>
            Enum.TryParse<StepKind>(InputValidationFilter.HandlerOf(context), out var kind) ? kind : command.Kind;
    }

    public sealed record ComplaintLine(long Id, string TicketNumber, string CustomerName, string? Serial, string? FaultCategory, ComplaintStage Stage, QualityClass? Class, string Summary);

    public QualityReport Report { get; private set; } = null!;

    public string? ModelName { get; private set; }

    public string OwnerName { get; private set; } = "";

    public bool Overdue { get; private set; }

    public IReadOnlyList<ComplaintLine> Complaints { get; private set; } = [];

    [BindProperty]
    public StepCommand Step { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Step = new StepCommand { Version = Report.Version, RootCause = Report.RootCause, CorrectiveAction = Report.CorrectiveAction };
        return Page();
    }

    public Task<IActionResult> OnPostActAsync(long id, CancellationToken cancellationToken) =>
        ChangeAsync(id, StepKind.Act, r => r.Act(Step.RootCause!, Step.CorrectiveAction!), cancellationToken);

    public Task<IActionResult> OnPostStartVerificationAsync(long id, CancellationToken cancellationToken) =>
        ChangeAsync(id, StepKind.StartVerification, r => r.StartVerification(), cancellationToken);

    public Task<IActionResult> OnPostVerifyAsync(long id, CancellationToken cancellationToken) =>
        ChangeAsync(id, StepKind.Verify, r => r.Verify(Step.Effective, Step.Verification!, clock.UtcNow), cancellationToken);

    private Task<IActionResult> ChangeAsync(long id, StepKind kind, Action<QualityReport> change, CancellationToken cancellationToken)
    {
        Step = Step with { Kind = kind };
        return this.Change(db.QualityReports.Where(r => r.Id == id), Step.Version)
            .ConflictSays(l["Quality.ChangedMeanwhile"])
            .Reload(async () =>
            {
                await LoadAsync(id, cancellationToken);
                Step = Step with { Version = Report.Version };
            })
            .Done(_ => RedirectToPage(new { id }))
            .RunAsync(report =>
            {
                change(report);
                return l["Quality.ReportStep." + kind];
            }, cancellationToken);
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var report = await db.QualityReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return false;
        }

        Report = report;
        Overdue = report.IsOverdue(clock.Today);
        ModelName = report.ProductModelId is { } m ? await db.ProductModels.Where(x => x.Id == m).Select(x => x.Code + " · " + x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        OwnerName = await db.Users.Where(u => u.Id == report.OwnerId).Select(u => u.FullName + " (" + u.UserName + ")").FirstOrDefaultAsync(cancellationToken) ?? report.OwnerId;
        Complaints = await (from c in db.Complaints.AsNoTracking()
                            join t in db.Tickets on c.TicketId equals t.Id
                            join cu in db.Customers on c.CustomerId equals cu.Id
                            join u in db.Units on c.UnitId equals (long?)u.Id into units
                            from u in units.DefaultIfEmpty()
                            where c.QualityReportId == id
                            orderby c.RecordedAt
                            select new ComplaintLine(c.Id, t.Number, cu.Name, u == null ? null : u.SerialNumber, c.FaultCategory, c.Stage, c.Class ?? c.ProposedClass, c.Summary)).ToListAsync(cancellationToken);
        return true;
    }
}
