using AfterSales.Domain;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Discipline;

/// <summary>
/// The reward and penalty rule catalog: every member of staff reads it; the admin adds and edits rules.
/// Editing a rule never touches records already made (they copied the rule when proposed).
/// </summary>
public sealed class RulesModel(AfterSalesDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Command
    {
        public long Id { get; init; }

        public uint Version { get; init; }

        public string? Article { get; init; }

        public string? TextZh { get; init; }

        public string? TextEn { get; init; }

        public RuleAudience Audience { get; init; } = RuleAudience.AllStaff;

        public RuleKind Kind { get; init; } = RuleKind.Penalty;

        public DisciplineLevel? Level { get; init; }

        public decimal CashAmount { get; init; }

        public RuleTrigger Trigger { get; init; }

        public decimal? Threshold { get; init; }

        public bool Active { get; init; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Article).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(20).WithMessage(_ => l["Validation.TooLong", 20])
                .Matches("^[A-Za-z0-9.\\-]+$").WithMessage(_ => l["Rules.ArticleChars"]);
            RuleFor(c => c.TextZh).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
            RuleFor(c => c.TextEn).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
            RuleFor(c => c.Audience).IsInEnum();
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Trigger).IsInEnum();
            RuleFor(c => c.CashAmount).InclusiveBetween(-1_000_000, 1_000_000).WithMessage(_ => l["Rules.CashRange"]);
            RuleFor(c => c.Threshold).InclusiveBetween(0, 100).When(c => c.Threshold is not null).WithMessage(_ => l["Rules.ThresholdRange"]);
        }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public RuleAudience? Audience { get; set; }

    public IReadOnlyList<DisciplineRule> Rules { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public bool Editing { get; private set; }

    public async Task OnGetAsync(long? edit, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (CanEdit && edit is { } id && Rules.FirstOrDefault(r => r.Id == id) is { } rule)
        {
            Editing = true;
            Input = new Command
            {
                Id = rule.Id, Version = rule.Version, Article = rule.Article, TextZh = rule.TextZh, TextEn = rule.TextEn, Audience = rule.Audience, Kind = rule.Kind,
                Level = rule.Level, CashAmount = rule.CashAmount, Trigger = rule.Trigger, Threshold = rule.Threshold, Active = rule.Active,
            };
        }
    }

    [HandlerPolicy(Policies.Admin)]
    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        Editing = true;
        var change = Input.Id == 0
            ? this.Add(() => new DisciplineRule(Input.Article!, Input.TextZh!, Input.TextEn!, Input.Audience, Input.Kind, Input.Level, Input.CashAmount, Input.Trigger, Input.Threshold))
            : this.Change(db.DisciplineRules.Where(r => r.Id == Input.Id), Input.Version);
        return change
            .ConflictSays(l["Ticket.ChangedMeanwhile"])
            .Unique("Input.Article", () => l["Rules.ArticleTaken", Input.Article ?? ""])
            .Reload(() => LoadAsync(cancellationToken))
            .Done(_ => RedirectToPage(new { Audience }))
            .RunAsync(rule =>
            {
                if (Input.Id != 0)
                {
                    rule.Update(Input.TextZh!, Input.TextEn!, Input.Audience, Input.Kind, Input.Level, Input.CashAmount, Input.Trigger, Input.Threshold, Input.Active);
                }

                return l["Rules.Saved", Input.Article ?? ""];
            }, cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        var query = db.DisciplineRules.AsNoTracking();
        if (Audience is { } audience)
        {
            query = query.Where(r => r.Audience == audience);
        }

        Rules = (await query.ToListAsync(cancellationToken)).OrderBy(r => ArticleOrder(r.Article)).ThenBy(r => r.Article, StringComparer.Ordinal).ToList();
    }

    /// <summary>P3-2.11 after P3-2.6: order by part, then article number, then suffix.</summary>
    private static (int, int, int) ArticleOrder(string article)
    {
        var digits = System.Text.RegularExpressions.Regex.Matches(article, "[0-9]+").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (digits.ElementAtOrDefault(0), digits.ElementAtOrDefault(1), digits.ElementAtOrDefault(2));
    }
}
