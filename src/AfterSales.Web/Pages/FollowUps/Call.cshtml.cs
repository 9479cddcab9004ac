using System.Text.RegularExpressions;
using AfterSales.Domain;
using AfterSales.Domain.FollowUps;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Changes;
using AfterSales.Web.Infrastructure.FollowUps;
using AfterSales.Web.Infrastructure.Settings;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages.FollowUps;

/// <summary>
/// One follow-up call: "no answer" (tried again another working day, closed as unreachable after the third
/// day) or "reached" with the four satisfaction scores and a comment. An unsatisfied customer opens a
/// complaint ticket linked to the repair in the same transaction. A closed call shows its result.
/// </summary>
public sealed partial class CallModel(AfterSalesDbContext db, CompanyClock clock, WorkCalendar workCalendar, IStringLocalizer<SharedResource> l, IOptionsSnapshot<QualityOptions> quality, ILogger<CallModel> logger) : PageModel
{
    public static readonly string[] Dimensions = [nameof(Command.Attitude), nameof(Command.Competence), nameof(Command.Speed), nameof(Command.Result)];

    public sealed record Command
    {
        public uint Version { get; init; }

        public Satisfaction? Attitude { get; init; }

        public Satisfaction? Competence { get; init; }

        public Satisfaction? Speed { get; init; }

        public Satisfaction? Result { get; init; }

        public string? Comment { get; init; }
    }

    public sealed partial class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Attitude).NotNull().WithMessage(_ => l["FollowUps.ScoreRequired"]).IsInEnum().WithMessage(_ => l["FollowUps.ScoreRequired"]);
            RuleFor(c => c.Competence).NotNull().WithMessage(_ => l["FollowUps.ScoreRequired"]).IsInEnum().WithMessage(_ => l["FollowUps.ScoreRequired"]);
            RuleFor(c => c.Speed).NotNull().WithMessage(_ => l["FollowUps.ScoreRequired"]).IsInEnum().WithMessage(_ => l["FollowUps.ScoreRequired"]);
            RuleFor(c => c.Result).NotNull().WithMessage(_ => l["FollowUps.ScoreRequired"]).IsInEnum().WithMessage(_ => l["FollowUps.ScoreRequired"]);
            RuleFor(c => c.Comment).MaximumLength(FollowUp.CommentMaxLength).WithMessage(_ => l["Validation.TooLong", FollowUp.CommentMaxLength])
                .Must(c => c is null || !Markup().IsMatch(c)).WithMessage(_ => l["FollowUps.NoMarkup"]);
        }

        /// <summary>Something a browser would read as a tag: a comment is plain text.</summary>
        [GeneratedRegex(@"<\s*[A-Za-z/!?]")]
        private static partial Regex Markup();
    }

    public FollowUpFacts Facts { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyDictionary<string, string> CallerNames { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public Command Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new Command { Version = Facts.FollowUp.Version };
        return Page();
    }

    /// <summary>Nobody answered today.</summary>
    public async Task<IActionResult> OnPostNoAnswerAsync(long id, uint version, CancellationToken cancellationToken)
    {
        var calendar = await workCalendar.GetAsync(cancellationToken);
        return await this.Change(db.FollowUps.Where(f => f.Id == id), version)
            .IgnoringInput()
            .ConflictSays(l["FollowUps.ChangedMeanwhile"])
            .Reload(async () =>
            {
                await LoadAsync(id, cancellationToken);
                Input = new Command { Version = Facts.FollowUp.Version };
            })
            .Done(_ => RedirectToPage(new { id }))
            .RunAsync(followUp =>
            {
                followUp.RecordNoAnswer(clock.UtcNow, clock.Today, User.Identity!.Name!, calendar);
                return followUp.Status == FollowUpStatus.Unreachable
                    ? l["FollowUps.Unreachable"]
                    : l["FollowUps.NoAnswerRecorded", followUp.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];
            }, cancellationToken);
    }

    /// <summary>The customer answered: four scores and a comment; an unhappy customer becomes a complaint ticket in the same transaction.</summary>
    public async Task<IActionResult> OnPostReachedAsync(long id, CancellationToken cancellationToken)
    {
        var user = User.Identity!.Name!;
        var today = clock.Today;
        var now = clock.UtcNow;
        var typedWell = ModelState.IsValid;
        string? complaintNumber = null;
        return await this.Change(db.FollowUps.Where(f => f.Id == id), Input.Version)
            .InTransaction()
            .ErrorsAt(error => error.Code == "field.too_long" ? "Input.Comment" : "")
            .ConflictSays(l["FollowUps.ChangedMeanwhile"])
            .Reload(async () =>
            {
                await LoadAsync(id, cancellationToken);

                // What was typed stays; after a refusal the form carries the version the other person left.
                if (typedWell)
                {
                    Input = Input with { Version = Facts.FollowUp.Version };
                }
            })
            .Done(_ =>
            {
                if (complaintNumber is not null)
                {
                    logger.LogInformation("Follow-up {FollowUpId} by {User}: customer not satisfied, complaint {Number} opened", id, user, complaintNumber);
                    TempData["ComplaintNumber"] = complaintNumber;
                }

                return RedirectToPage(new { id });
            })
            .RunAsync(async followUp =>
            {
                complaintNumber = null;
                followUp.RecordReached(now, today, user, Input.Attitude!.Value, Input.Competence!.Value, Input.Speed!.Value, Input.Result!.Value, Input.Comment);
                if (!followUp.CallsForComplaint)
                {
                    return l["FollowUps.Recorded"].Value;
                }

                var complaint = await ComplaintFromFollowUp.BuildAsync(db, followUp, today, now, user, cancellationToken);
                db.Tickets.Add(complaint);
                followUp.LinkComplaint(complaint.Id);

                // The complaint ledger row, in the same save: the fault category is the repair's diagnosis, else "回访不满意".
                var diagnosis = await db.WorkOrders.Where(w => w.Id == followUp.WorkOrderId).Select(w => w.Diagnosis).FirstOrDefaultAsync(cancellationToken);
                var category = string.IsNullOrWhiteSpace(diagnosis) ? "回访不满意" : diagnosis.Trim();
                await Infrastructure.Quality.ComplaintLedger.RecordAsync(db, complaint, Domain.Complaints.ComplaintSource.FollowUp, category.Length > 50 ? category[..50] : category, followUp.Comment, user, now, quality.Value.Classification, clock, cancellationToken);
                complaintNumber = complaint.Number;
                return l["FollowUps.ComplaintOpened", complaintNumber].Value;
            }, cancellationToken);
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var followUp = await db.FollowUps.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (followUp is null)
        {
            return false;
        }

        Facts = (await FollowUpFacts.LoadAsync(db, [followUp], cancellationToken))[0];
        Today = clock.Today;
        return true;
    }
}
