using AfterSales.Domain;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Quality;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Quality;
using AfterSales.Web.Infrastructure.Queues;
using AfterSales.Web.Infrastructure.Settings;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages.Quality;

/// <summary>
/// The complaint ledger (来人、来电、来函登记台账): every complaint whatever its source, newest first, with
/// filters; the handling steps of each row (inform quality, propose a solution, agree, resolve, report up);
/// the daily classification by the quality specialist starting from the system's proposal; and the
/// selection of complaints a quality problem report is raised from.
/// </summary>
public sealed class ComplaintsModel(AfterSalesDbContext db, ReadDbContext read, CompanyClock clock, IOptionsSnapshot<QualityOptions> quality, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = ComplaintList.PageSize;

    /// <summary>The views: <c>open</c> (default: not classified or not resolved, oldest first) and <c>all</c> (newest first).</summary>
    public static readonly IReadOnlyList<string> Views = ComplaintList.Views;

    public enum StepKind
    {
        Inform,
        Propose,
        Agree,
        Resolve,
        ReportUp,
        Classify,
    }

    public sealed record StepCommand
    {
        public StepKind Kind { get; init; }

        public long Id { get; init; }

        public uint Version { get; init; }

        public string? Text { get; init; }

        public bool PersonSent { get; init; }

        public string? To { get; init; }

        public QualityClass? Class { get; init; }
    }

    public sealed class StepValidator : AbstractValidator<StepCommand>
    {
        public StepValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Id).GreaterThan(0);
            RuleFor(c => c.Text).NotEmpty().When((c, context) => KindOf(c, context) is StepKind.Propose or StepKind.Resolve).WithMessage(_ => l["Quality.TextRequired"])
                .MaximumLength(Complaint.TextMaxLength).WithMessage(_ => l["Validation.TooLong", Complaint.TextMaxLength]);
            RuleFor(c => c.To).NotEmpty().When((c, context) => KindOf(c, context) == StepKind.ReportUp).WithMessage(_ => l["Quality.ReportToRequired"]).MaximumLength(450);
            RuleFor(c => c.Class).NotNull().When((c, context) => KindOf(c, context) == StepKind.Classify).WithMessage(_ => l["Quality.ClassRequired"])
                .IsInEnum().WithMessage(_ => l["Quality.ClassRequired"]);
        }

        /// <summary>The step is the button pressed (the handler's name), not a field the form could forge.</summary>
        private static StepKind KindOf(StepCommand command, IValidationContext context) =>
            Enum.TryParse<StepKind>(InputValidationFilter.HandlerOf(context), out var kind) ? kind : command.Kind;
    }

    public ComplaintList.Filter F { get; private set; } = new();

    public IReadOnlyList<ComplaintList.Row> Rows { get; private set; } = [];

    public IReadOnlyList<ComplaintList.Option> Models { get; private set; } = [];

    public IReadOnlyList<ComplaintList.Option> Categories { get; private set; } = [];

    public string View { get; private set; } = "open";

    public int Total { get; private set; }

    public bool FilterIgnored { get; private set; }

    public QueuePager Pager { get; private set; } = new(0, 1, null, null);

    public IReadOnlyList<ComplaintList.Option> Managers { get; private set; } = [];

    public bool CanClassify { get; private set; }

    [BindProperty]
    public StepCommand Step { get; set; } = new();

    public async Task OnGetAsync([FromQuery] ComplaintList.Filter f, CancellationToken cancellationToken)
    {
        F = f;
        await LoadAsync(cancellationToken);
    }

    private RouteValueDictionary Values(string? after, int? page) => new()
    {
        ["view"] = View == "open" ? null : View,
        ["stage"] = F.Stage,
        ["class"] = F.Class,
        ["unclassified"] = F.Unclassified ? "true" : null,
        ["category"] = F.Category,
        ["model"] = F.Model,
        ["from"] = F.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = F.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["age"] = F.Age,
        ["overdue"] = F.Overdue ? "true" : null,
        ["after"] = after,
        ["p"] = page,
    };

    public Task<IActionResult> OnPostInformAsync(CancellationToken cancellationToken) =>
        ChangeAsync(StepKind.Inform, c => c.InformQuality(clock.UtcNow), cancellationToken);

    public Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken) =>
        ChangeAsync(StepKind.Propose, c => c.ProposeSolution(Step.Text!), cancellationToken);

    public Task<IActionResult> OnPostAgreeAsync(CancellationToken cancellationToken) =>
        ChangeAsync(StepKind.Agree, c => c.Agree(Step.PersonSent), cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(CancellationToken cancellationToken) =>
        ChangeAsync(StepKind.Resolve, c => c.Resolve(Step.Text!, clock.UtcNow), cancellationToken);

    public Task<IActionResult> OnPostReportUpAsync(CancellationToken cancellationToken) =>
        ChangeAsync(StepKind.ReportUp, c => c.ReportUp(Step.To!, clock.UtcNow), cancellationToken);

    [HandlerPolicy(Policies.Quality)]
    public Task<IActionResult> OnPostClassifyAsync(CancellationToken cancellationToken) =>
        ChangeAsync(StepKind.Classify, c => c.Classify(Step.Class!.Value, User.Identity!.Name!, clock.UtcNow), cancellationToken);

    /// <summary>Load, check nobody changed the row meanwhile, let the domain decide, save once, back to the queue as it was.</summary>
    private async Task<IActionResult> ChangeAsync(StepKind kind, Action<Complaint> change, CancellationToken cancellationToken)
    {
        Step = Step with { Kind = kind };
        if (kind == StepKind.ReportUp && ModelState.IsValid && !await ManagersQuery().AnyAsync(u => u.Id == Step.To, cancellationToken))
        {
            ModelState.AddModelError("Step.To", l["Quality.ReportToRequired"]);
        }

        return await this.Change(db.Complaints.Where(c => c.Id == Step.Id), Step.Version)
            .ErrorsAt(kind is StepKind.Propose or StepKind.Resolve ? "Step.Text" : "Step")
            .ConflictSays(l["Quality.ChangedMeanwhile"])
            .Reload(() => LoadAsync(cancellationToken))
            .Done(_ => LocalRedirect(QueueReturn.To("/Quality/Complaints", QueueReturn.Of(Request))))
            .RunAsync(complaint =>
            {
                change(complaint);
                return l["Quality.Step." + kind];
            }, cancellationToken);
    }

    private IQueryable<Infrastructure.Identity.AppUser> ManagersQuery() => db.UsersInRole(Roles.Manager).Where(u => !u.IsDisabled);

    /// <summary>The list (<see cref="ComplaintList"/>) and the managers a complaint may be reported up to.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanClassify = (await authorization.AuthorizeAsync(User, Policies.Quality)).Succeeded;
        var list = await new ComplaintList(read, clock, quality.Value).LoadAsync(F, ignoreAll: !ModelState.IsValid && Request.Method == HttpMethods.Get, cancellationToken);
        F = list.Filter;
        View = F.View!;
        Total = list.Total;
        FilterIgnored = list.FilterIgnored;
        Pager = new QueuePager(
            Total,
            list.PageNumber,
            list.NextAfter is { } next ? Url.Page("/Quality/Complaints", Values(next, list.PageNumber + 1)) : null,
            list.PageNumber > 1 ? Url.Page("/Quality/Complaints", Values(null, null)) : null);
        (Rows, Models, Categories) = (list.Rows, list.Models, list.Categories);
        Managers = await ManagersQuery().AsNoTracking().OrderBy(u => u.UserName).Select(u => new ComplaintList.Option(u.Id, u.FullName + " (" + u.UserName + ")")).ToListAsync(cancellationToken);
    }
}
