namespace AfterSales.Domain.Dispatch;

/// <summary>A technician in the dispatch rotation, as seen at the moment of dispatch.</summary>
/// <param name="Position">Place in the fixed rotation order (unique; gaps allowed).</param>
/// <param name="Skills">Product category codes the technician can repair.</param>
/// <param name="OpenJobs">Work orders assigned and not yet handed back.</param>
/// <param name="OpenJobLimit">How many open work orders the technician may hold at once.</param>
public sealed record RotationCandidate(
    string TechnicianId,
    string Name,
    int Position,
    IReadOnlySet<string> Skills,
    bool OnLeave,
    bool OffDuty,
    int OpenJobs,
    int OpenJobLimit);

/// <summary>
/// A technician passed over this round. <see cref="Code"/> (<c>rotation.no_skill</c>,
/// <c>rotation.on_leave</c>, <c>rotation.off_duty</c>, <c>rotation.at_limit</c>) and
/// <see cref="Args"/> let the web layer translate <see cref="Reason"/>, the English text.
/// </summary>
public sealed record RotationSkip(
    string TechnicianId,
    string Name,
    int Position,
    string Code,
    string Reason,
    IReadOnlyList<object> Args);

/// <summary>
/// The outcome of a rotation walk. <see cref="Chosen"/> is null when nobody qualifies;
/// <see cref="NewPointer"/> is the position to store as the last served (unchanged when nobody was chosen).
/// </summary>
public sealed record RotationSuggestion(
    RotationCandidate? Chosen,
    IReadOnlyList<RotationSkip> Skips,
    int NewPointer);

/// <summary>
/// Fair rotation (Part 7 §6: 依次轮流,机会均等). Technicians take turns in a fixed order. The walk
/// starts with the first position after the pointer (the position of the technician served last)
/// and wraps around once. A technician who lacks the skill, is on leave, is off duty or already
/// holds their limit of open work orders is skipped with a reason.
/// </summary>
/// <remarks>
/// A skipped technician does NOT keep their turn: as the regulation says (被隔过此轮派工,向下轮流),
/// they are passed over this round and the turn passes on. The pointer moves to the chosen
/// technician, so the skipped ones come up again only when the rotation wraps round to them.
/// The function is pure given the pointer; the caller reads and writes the pointer under a row lock.
/// </remarks>
public static class FairRotation
{
    /// <exception cref="DomainException"><c>rotation.skill_required</c>, <c>rotation.duplicate_position</c>.</exception>
    public static RotationSuggestion Suggest(
        IReadOnlyList<RotationCandidate> candidates,
        int lastServedPosition,
        string requiredSkill)
    {
        if (string.IsNullOrWhiteSpace(requiredSkill))
        {
            throw new DomainException("rotation.skill_required", "A job needs a product category to find a technician with the skill.");
        }

        var duplicate = candidates.GroupBy(c => c.Position).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException(
                "rotation.duplicate_position",
                $"Two technicians share rotation position {duplicate.Key}.",
                duplicate.Key);
        }

        var ordered = candidates.OrderBy(c => c.Position).ToList();
        var walk = ordered.Where(c => c.Position > lastServedPosition)
            .Concat(ordered.Where(c => c.Position <= lastServedPosition));

        var skips = new List<RotationSkip>();
        foreach (var candidate in walk)
        {
            var skip = SkipReason(candidate, requiredSkill);
            if (skip is null)
            {
                return new RotationSuggestion(candidate, skips, candidate.Position);
            }

            skips.Add(skip);
        }

        return new RotationSuggestion(null, skips, lastServedPosition);
    }

    /// <summary>
    /// A dispatcher may send someone the rotation did not suggest, but only with a written reason; a technician
    /// already at their open-job limit is refused without one, saying so (they are never the suggestion).
    /// </summary>
    /// <exception cref="DomainException"><c>dispatch.at_limit_reason_required</c>, <c>dispatch.override_reason_required</c>.</exception>
    public static void EnsureChoiceExplained(RotationSuggestion suggestion, RotationCandidate chosen, string? reason)
    {
        if (!string.IsNullOrWhiteSpace(reason) || suggestion.Chosen?.TechnicianId == chosen.TechnicianId)
        {
            return;
        }

        if (WaitingVisits.IsAtLimit(chosen.OpenJobs, chosen.OpenJobLimit))
        {
            throw new DomainException(
                "dispatch.at_limit_reason_required",
                $"{chosen.Name} already has {chosen.OpenJobs} of {chosen.OpenJobLimit} open jobs: give a reason to send them anyway.",
                chosen.Name,
                chosen.OpenJobs,
                chosen.OpenJobLimit);
        }

        throw new DomainException("dispatch.override_reason_required", "Choosing someone other than the suggested technician needs a reason.");
    }

    private static RotationSkip? SkipReason(RotationCandidate c, string requiredSkill)
    {
        if (!c.Skills.Contains(requiredSkill))
        {
            return Skip(c, "rotation.no_skill", $"does not have the skill for {requiredSkill}", requiredSkill);
        }

        if (c.OnLeave)
        {
            return Skip(c, "rotation.on_leave", "is on leave");
        }

        if (c.OffDuty)
        {
            return Skip(c, "rotation.off_duty", "is off duty");
        }

        if (WaitingVisits.IsAtLimit(c.OpenJobs, c.OpenJobLimit))
        {
            return Skip(c, "rotation.at_limit", $"already has {c.OpenJobs} of {c.OpenJobLimit} open jobs", c.OpenJobs, c.OpenJobLimit);
        }

        return null;
    }

    private static RotationSkip Skip(RotationCandidate c, string code, string reason, params object[] args) =>
        new(c.TechnicianId, c.Name, c.Position, code, reason, args);
}
