using AfterSales.Domain;
using AfterSales.Domain.Dispatch;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// The preview of a bulk dispatch (<c>/Dispatch/Bulk</c>): the selected tickets still waiting, all of one product
/// family, with the fair rotation applied ticket by ticket (each assignment changes the next suggestion, and the
/// dispatcher's choices are taken into account), each suggestion explained with whoever was passed over.
/// </summary>
public sealed class BulkPreview(AfterSalesDbContext db, DispatchService service, IStringLocalizer<SharedResource> l)
{
    public sealed record SkipView(string Name, int Position, string Code, string Text);

    public sealed record TechnicianOption(string Id, string Label, bool AtLimit);

    /// <summary>One row of the preview: the ticket, the rotation's suggestion for its turn with the reason, and who is sent.</summary>
    public sealed record PreviewRow(BulkTicket Ticket, RotationCandidate? Suggested, string Why, IReadOnlyList<SkipView> Skips, IReadOnlyList<TechnicianOption> Options, bool ChosenAtLimit);

    /// <summary>
    /// The preview, or why there is none (<see cref="Refusal"/>, in the user's language). <see cref="Waiting"/> and
    /// <see cref="Plan"/> give the form its rows: ticket by ticket, with the turn planned for it.
    /// </summary>
    public sealed record Result(
        IReadOnlyList<CategoryName> Categories,
        string? Refusal,
        IReadOnlyList<BulkTicket> LeftOut,
        string? SkillName,
        DateOnly? Date,
        IReadOnlyList<BulkTicket> Waiting,
        RotationPlan? Plan,
        IReadOnlyList<PreviewRow> Rows);

    /// <param name="ids">The tickets ticked on the board or the ticket list.</param>
    /// <param name="chosen">The technician the dispatcher chose per ticket (null: the rotation's suggestion).</param>
    /// <param name="date">The appointment date in the form (null: the default).</param>
    public async Task<Result> LoadAsync(IReadOnlyCollection<long> ids, Func<long, string?> chosen, DateOnly? date, CancellationToken cancellationToken)
    {
        var categories = await CategoryNames.LoadAsync(db, l, cancellationToken);
        Result Refused(string why, IReadOnlyList<BulkTicket> leftOut) => new(categories, why, leftOut, null, null, [], null, []);
        if (ids.Count == 0)
        {
            return Refused(l["Domain.dispatch.bulk_empty"], []);
        }

        var tickets = await service.BulkTicketsAsync(ids, cancellationToken);
        List<BulkTicket> leftOut = [.. tickets.Where(t => !t.Waiting)];
        var waiting = tickets.Where(t => t.Waiting).ToList();
        if (waiting.Count == 0)
        {
            return Refused(l["BulkDispatch.NothingWaiting"], leftOut);
        }

        string skill;
        try
        {
            skill = SequentialRotation.SingleSkill([.. waiting.Select(t => t.Skill)]);
        }
        catch (DomainException error)
        {
            return Refused(Translate(error, categories, l), leftOut);
        }

        var day = date ?? await service.DefaultAppointmentDateAsync(cancellationToken);
        RotationPlan plan;
        try
        {
            plan = await service.PlanAsync(skill, day, [.. waiting.Select(t => chosen(t.Id))], cancellationToken);
        }
        catch (DomainException)
        {
            // A choice that is no longer a candidate (disabled meanwhile): plan on the rotation alone.
            plan = await service.PlanAsync(skill, day, new string?[waiting.Count], cancellationToken);
        }

        return new Result(categories, null, leftOut, categories.Of(skill), day, waiting, plan, [.. waiting.Select((t, i) => Row(t, plan.Turns[i], categories))]);
    }

    private PreviewRow Row(BulkTicket ticket, PlannedTurn turn, IReadOnlyList<CategoryName> categories)
    {
        var suggestion = turn.Suggestion;
        var why = suggestion.Chosen is null ? (string)l["BulkDispatch.Why.Nobody"]
            : turn.ServedBefore is { } before ? (string)l["BulkDispatch.Why.Next", before.Position + ". " + before.Name]
            : (string)l["BulkDispatch.Why.Start"];
        // Technicians without the family's skill are never in this rotation: only the others passed over are explained.
        List<SkipView> skips = [.. suggestion.Skips.Where(s => s.Code != "rotation.no_skill").Select(s => new SkipView(s.Name, s.Position, s.Code, SkipText(s.Code, s.Args, s.Reason, categories)))];
        if (suggestion.Chosen is not null && skips.Count > 0)
        {
            why += " " + l["BulkDispatch.Why.Skipped", skips.Count];
        }

        return new PreviewRow(
            ticket,
            suggestion.Chosen,
            why,
            skips,
            [.. turn.Candidates.OrderBy(c => c.Position).Select(c => new TechnicianOption(
                c.TechnicianId,
                $"{c.Position}. {c.Name} · {c.OpenJobs}/{c.OpenJobLimit}",
                WaitingVisits.IsAtLimit(c.OpenJobs, c.OpenJobLimit)))],
            turn.ChosenAtLimit);
    }

    private string SkipText(string code, IEnumerable<object> args, string fallback, IReadOnlyList<CategoryName> categories)
    {
        var values = args.Select(a => a.ToString() ?? "").Select(a => code == "rotation.no_skill" ? categories.Of(a) : a);
        var text = l["Dispatch.Skip." + code, [.. values]];
        return text.ResourceNotFound ? fallback : text.Value;
    }

    /// <summary>A refusal in the user's language (mixed families named by their category names).</summary>
    public static string Translate(DomainException error, IReadOnlyList<CategoryName> categories, IStringLocalizer<SharedResource> l) => error.Code == "dispatch.mixed_families"
        ? l["Domain.dispatch.mixed_families", string.Join("、", error.Args[0].ToString()!.Split(", ").Select(c => categories.Of(c)))]
        : l.Translate(error);
}
