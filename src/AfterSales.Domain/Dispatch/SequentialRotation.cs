namespace AfterSales.Domain.Dispatch;

/// <summary>
/// One ticket's turn in a dispatch of several tickets at once.
/// </summary>
/// <param name="Index">Place of the ticket in the list (0 = first served).</param>
/// <param name="Suggestion">What the rotation suggests for this ticket, given every earlier turn of the list.</param>
/// <param name="Candidates">The technicians as this turn sees them: open jobs include the jobs given earlier in the list.</param>
/// <param name="Chosen">Who gets the ticket: the suggestion, or the dispatcher's choice (null when nobody qualifies and nobody was chosen).</param>
/// <param name="PointerBefore">The rotation pointer this turn starts from.</param>
/// <param name="PointerAfter">The pointer after this turn (moved only when the suggestion was followed).</param>
public sealed record PlannedTurn(
    int Index,
    RotationSuggestion Suggestion,
    IReadOnlyList<RotationCandidate> Candidates,
    RotationCandidate? Chosen,
    int PointerBefore,
    int PointerAfter)
{
    /// <summary>The dispatcher chose someone other than the suggestion: a written reason is needed.</summary>
    public bool IsOverride => Chosen is not null && Chosen.TechnicianId != Suggestion.Chosen?.TechnicianId;

    /// <summary>The chosen technician already holds their limit of open jobs at this turn.</summary>
    public bool ChosenAtLimit => Chosen is not null && WaitingVisits.IsAtLimit(Chosen.OpenJobs, Chosen.OpenJobLimit);

    /// <summary>The technician who served the rotation last before this turn (null at the start of the rotation).</summary>
    public RotationCandidate? ServedBefore => Candidates.FirstOrDefault(c => c.Position == PointerBefore);
}

/// <summary>The turns of a list of tickets, in order, and where the rotation pointer ends.</summary>
public sealed record RotationPlan(IReadOnlyList<PlannedTurn> Turns, int FinalPointer);

/// <summary>
/// Dispatching several tickets of one product family in one go (批量派工): the fair rotation is applied ticket by
/// ticket, exactly as if the dispatcher had dispatched them one after the other. Each assignment changes the next
/// suggestion: a followed suggestion moves the pointer to the chosen technician, and every assignment adds one
/// open job to the chosen technician (so someone who reaches their limit inside the list is skipped for the rest
/// of it). A technician chosen instead of the suggestion takes the job without taking the turn (the pointer stays),
/// as in <see cref="FairRotation"/>.
/// </summary>
public static class SequentialRotation
{
    /// <summary>Most tickets one bulk dispatch handles (a board page).</summary>
    public const int MaxTickets = 50;

    /// <summary>
    /// The one skill a list of tickets needs. Refused when a ticket names no product (no skill) or when the tickets
    /// belong to different product families: one rotation serves one family.
    /// </summary>
    /// <exception cref="DomainException"><c>dispatch.bulk_empty</c>, <c>dispatch.bulk_too_many</c>, <c>rotation.skill_required</c>, <c>dispatch.mixed_families</c> (with the codes found).</exception>
    public static string SingleSkill(IReadOnlyList<string?> skills)
    {
        if (skills.Count == 0)
        {
            throw new DomainException("dispatch.bulk_empty", "Select at least one ticket.");
        }

        if (skills.Count > MaxTickets)
        {
            throw new DomainException("dispatch.bulk_too_many", $"At most {MaxTickets} tickets are dispatched at once.", MaxTickets);
        }

        if (skills.Any(string.IsNullOrWhiteSpace))
        {
            throw new DomainException("rotation.skill_required", "A job needs a product category to find a technician with the skill.");
        }

        var distinct = skills.Select(s => s!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return distinct.Count == 1
            ? distinct[0]
            : throw new DomainException(
                "dispatch.mixed_families",
                $"The selected tickets belong to different product families ({string.Join(", ", distinct)}): dispatch one family at a time.",
                string.Join(", ", distinct));
    }

    /// <summary>
    /// Plans the turns of <paramref name="choices"/>.Count tickets, in order. A null or empty choice follows the
    /// rotation's suggestion for that turn; a technician id is the dispatcher's own choice (which then needs a reason,
    /// see <see cref="PlannedTurn.IsOverride"/>). Pure: nothing is saved; the caller dispatches each turn under the lock.
    /// </summary>
    /// <exception cref="DomainException"><c>dispatch.unknown_technician</c> for a choice that is not a candidate, and the rotation's own refusals.</exception>
    public static RotationPlan Plan(IReadOnlyList<RotationCandidate> candidates, int lastServedPosition, string requiredSkill, IReadOnlyList<string?> choices)
    {
        var load = candidates.ToDictionary(c => c.TechnicianId, c => c.OpenJobs, StringComparer.Ordinal);
        var pointer = lastServedPosition;
        var turns = new List<PlannedTurn>(choices.Count);
        for (var i = 0; i < choices.Count; i++)
        {
            var current = candidates.Select(c => c with { OpenJobs = load[c.TechnicianId] }).ToList();
            var suggestion = FairRotation.Suggest(current, pointer, requiredSkill);
            var choice = choices[i];
            var chosen = string.IsNullOrWhiteSpace(choice)
                ? suggestion.Chosen
                : current.FirstOrDefault(c => c.TechnicianId == choice)
                    ?? throw new DomainException("dispatch.unknown_technician", "Choose an active technician.");
            var before = pointer;
            if (chosen is not null)
            {
                load[chosen.TechnicianId]++;
                if (chosen.TechnicianId == suggestion.Chosen?.TechnicianId)
                {
                    pointer = suggestion.NewPointer;
                }
            }

            turns.Add(new PlannedTurn(i, suggestion, current, chosen, before, pointer));
        }

        return new RotationPlan(turns, pointer);
    }
}
