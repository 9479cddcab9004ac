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
    public const int PageSize = QueueInput.PageSize;

    /// <summary>The views: <c>open</c> (default: not classified or not resolved, oldest first) and <c>all</c> (newest first).</summary>
    public static readonly IReadOnlyList<string> Views = ["open", "all"];

    public enum StepKind
    {
        Inform,
        Propose,
        Agree,
        Resolve,
        ReportUp,
        Classify,
    }

    public sealed record FilterInput
    {
        public string? View { get; init; }

        /// <summary>Product category id (listed by name).</summary>
        public long? Category { get; init; }

        /// <summary>Recorded at least this many days ago.</summary>
        public int? Age { get; init; }

        /// <summary>Cursor: the last row of the previous page.</summary>
        public string? After { get; init; }

        /// <summary>The page number shown (query key <c>p</c>; <c>page</c> is the Razor Pages route value).</summary>
        public int? P { get; init; }

        public ComplaintStage? Stage { get; init; }

        public QualityClass? Class { get; init; }

        public bool Unclassified { get; init; }

        public long? Model { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }

        public bool Overdue { get; init; }
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

    public sealed record Row(Complaint Complaint, string TicketNumber, string CustomerName, string? Model, string? RelatedNumber, string HandlerName, string? ReportedToName, QualityReportStatus? ReportStatus, bool ShouldReport);

    public sealed record Option(string Value, string Text);

    public FilterInput F { get; private set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Option> Models { get; private set; } = [];

    public IReadOnlyList<Option> Categories { get; private set; } = [];

    public string View { get; private set; } = "open";

    public int Total { get; private set; }

    public bool FilterIgnored { get; private set; }

    public QueuePager Pager { get; private set; } = new(0, 1, null, null);

    public IReadOnlyList<Option> Managers { get; private set; } = [];

    public bool CanClassify { get; private set; }

    [BindProperty]
    public StepCommand Step { get; set; } = new();

    public async Task OnGetAsync([FromQuery] FilterInput f, CancellationToken cancellationToken)
    {
        F = f;
        await LoadAsync(cancellationToken);
    }

    /// <summary>Drops what the ledger cannot use from the query string (the page says so) and settles the view.</summary>
    private (QueueInput Input, (DateTimeOffset At, long Id)? Cursor, int Page) Settle()
    {
        var input = new QueueInput();
        if (!ModelState.IsValid && Request.Method == HttpMethods.Get)
        {
            input.Ignore();
        }

        var view = input.Text(F.View, 16);
        if (view is not null && !Views.Contains(view))
        {
            input.Ignore();
            view = null;
        }

        View = view ?? "open";
        if (F.Category is <= 0 || F.Model is <= 0)
        {
            input.Ignore();
        }

        F = F with
        {
            View = View,
            Stage = input.Enum(F.Stage),
            Class = input.Enum(F.Class),
            Category = F.Category is > 0 ? F.Category : null,
            Model = F.Model is > 0 ? F.Model : null,
            From = input.Date(F.From),
            To = input.Date(F.To),
            Age = input.Days(F.Age),
        };
        var cursor = input.InstantCursor(F.After);
        return (input, cursor, cursor is null ? 1 : input.Page(F.P));
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanClassify = (await authorization.AuthorizeAsync(User, Policies.Quality)).Succeeded;
        var settings = quality.Value;
        var now = clock.UtcNow;
        var overdueBefore = now - settings.ReportUpAllowed;
        var (input, cursor, pageNumber) = Settle();
        var query = read.Complaints.AsNoTracking();
        if (View == "open")
        {
            query = query.Where(c => c.Class == null || c.Stage != ComplaintStage.Resolved);
        }

        if (F.Category is { } category)
        {
            // The category's few models are read first: the planner then knows how many complaints it filters to.
            var categoryModels = await read.ProductModels.AsNoTracking().Where(m => m.CategoryId == category).Select(m => (long?)m.Id).ToListAsync(cancellationToken);
            query = query.Where(c => categoryModels.Contains(c.ProductModelId));
        }

        if (F.Age is { } age)
        {
            var recordedBefore = clock.StartOfDay(clock.Today.AddDays(1 - age));
            query = query.Where(c => c.RecordedAt < recordedBefore);
        }

        if (F.Stage is { } stage)
        {
            query = query.Where(c => c.Stage == stage);
        }

        if (F.Class is { } cls)
        {
            query = query.Where(c => c.Class == cls || (c.Class == null && c.ProposedClass == cls));
        }

        if (F.Unclassified)
        {
            query = query.Where(c => c.Class == null);
        }

        if (F.Model is { } model)
        {
            query = query.Where(c => c.ProductModelId == model);
        }

        if (F.From is { } from)
        {
            var start = clock.StartOfDay(from);
            query = query.Where(c => c.RecordedAt >= start);
        }

        if (F.To is { } to)
        {
            var end = clock.StartOfDay(to.AddDays(1));
            query = query.Where(c => c.RecordedAt < end);
        }

        if (F.Overdue)
        {
            query = query.Where(c => c.Stage != ComplaintStage.Resolved && c.ReportedUpAt == null && c.RecordedAt < overdueBefore);
        }

        Total = await query.CountAsync(cancellationToken);

        // The open queue is worked oldest first; the whole ledger is read newest first. Both page by (recorded at, id).
        List<Complaint> page;
        if (View == "open")
        {
            if (cursor is { } c)
            {
                query = query.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(x.RecordedAt, x.Id), ValueTuple.Create(c.At, c.Id)));
            }

            page = await query.OrderBy(x => x.RecordedAt).ThenBy(x => x.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }
        else
        {
            if (cursor is { } c)
            {
                query = query.Where(x => EF.Functions.LessThan(ValueTuple.Create(x.RecordedAt, x.Id), ValueTuple.Create(c.At, c.Id)));
            }

            page = await query.OrderByDescending(x => x.RecordedAt).ThenByDescending(x => x.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }

        var complaints = page.Take(PageSize).ToList();
        FilterIgnored = input.Ignored;
        Pager = new QueuePager(
            Total,
            pageNumber,
            page.Count > PageSize ? Url.Page("/Quality/Complaints", Values(QueueInput.After(complaints[^1].RecordedAt, complaints[^1].Id), pageNumber + 1)) : null,
            pageNumber > 1 ? Url.Page("/Quality/Complaints", Values(null, null)) : null);

        // The daily classification starts from the system's proposal, worked out when each complaint was recorded
        // (and by the daily scan). One loaded in bulk without one gets it worked out here for display; reading never writes.
        var unproposed = complaints.Where(c => c.Class is null && c.ProposedClass is null).ToList();
        if (unproposed.Count > 0)
        {
            await ComplaintLedger.ProposeAsync(read, unproposed, settings.Classification, clock, cancellationToken);
        }

        var ticketIds = complaints.Select(c => c.TicketId).Concat(complaints.Select(c => c.RelatedTicketId).OfType<long>()).Distinct().ToList();
        var numbers = await read.Tickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, cancellationToken);
        var customerIds = complaints.Select(c => c.CustomerId).Distinct().ToList();
        var customers = await read.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var models = await read.ProductModels.AsNoTracking().OrderBy(m => m.Code).Select(m => new { m.Id, m.Code, m.Name }).ToListAsync(cancellationToken);
        var modelNames = models.ToDictionary(m => m.Id, m => m.Code);
        Categories = await read.ProductCategories.AsNoTracking().OrderBy(k => k.Name).Select(k => new Option(k.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), k.Name)).ToListAsync(cancellationToken);
        Models = models.Select(m => new Option(m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Code + " · " + m.Name)).ToList();
        var userIds = complaints.Select(c => c.HandlerId).Concat(complaints.Select(c => c.ReportedUpTo).OfType<string>()).Distinct().ToList();
        var users = await read.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName + " (" + u.UserName + ")", cancellationToken);
        var reportIds = complaints.Select(c => c.QualityReportId).OfType<long>().Distinct().ToList();
        var reports = await read.QualityReports.AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status, cancellationToken);
        Managers = await ManagersQuery().AsNoTracking().OrderBy(u => u.UserName).Select(u => new Option(u.Id, u.FullName + " (" + u.UserName + ")")).ToListAsync(cancellationToken);
        Rows = complaints.Select(c => new Row(
            c,
            numbers.GetValueOrDefault(c.TicketId, "—"),
            customers.GetValueOrDefault(c.CustomerId, "—"),
            c.ProductModelId is { } m ? modelNames.GetValueOrDefault(m) : null,
            c.RelatedTicketId is { } r ? numbers.GetValueOrDefault(r) : null,
            users.GetValueOrDefault(c.HandlerId, c.RecordedBy),
            c.ReportedUpTo is { } to ? users.GetValueOrDefault(to, to) : null,
            c.QualityReportId is { } q && reports.TryGetValue(q, out var status) ? status : null,
            c.ShouldHaveBeenReported(now, settings.ReportUpAllowed))).ToList();
    }
}
