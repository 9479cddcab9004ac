using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Dispatch;

/// <summary>
/// What a dispatch must satisfy before a work order is created (the dispatch service loads the facts under the
/// rotation lock and asks these in order): an appointment not in the past, a ticket that exists and names a skill,
/// a ticket waiting for a visit and unchanged since the dispatcher saw it, and a technician chosen from the
/// candidates — the suggestion, or another with a written reason.
/// </summary>
public static class DispatchRules
{
    /// <exception cref="DomainException"><c>dispatch.date_past</c>.</exception>
    public static void EnsureAppointmentNotPast(DateOnly appointmentDate, DateOnly today)
    {
        if (appointmentDate < today)
        {
            throw new DomainException("dispatch.date_past", "The appointment cannot be in the past.");
        }
    }

    /// <exception cref="DomainException"><c>dispatch.ticket_not_found</c> when <paramref name="ticket"/> is null.</exception>
    public static Ticket Found(Ticket? ticket) =>
        ticket ?? throw new DomainException("dispatch.ticket_not_found", "No such ticket.");

    /// <summary>The skill the job needs (the product category of the ticket's model).</summary>
    /// <exception cref="DomainException"><c>rotation.skill_required</c> when the ticket names no model.</exception>
    public static string SkillRequired(string? skill) =>
        skill ?? throw new DomainException("rotation.skill_required", "A job needs a product category to find a technician with the skill.");

    /// <summary>The ticket waits for a visit (<see cref="WaitingVisits.Dispatchable"/>, no open work order) and is the version the dispatcher saw.</summary>
    /// <exception cref="DomainException"><c>dispatch.not_dispatchable</c>, <c>dispatch.already_dispatched</c>, <c>dispatch.ticket_changed</c>.</exception>
    public static void EnsureDispatchable(Ticket ticket, bool hasOpenWorkOrder, uint? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!WaitingVisits.IsDispatchable(ticket))
        {
            throw new DomainException("dispatch.not_dispatchable", "This ticket does not need a visit now.", ticket.Status);
        }

        if (hasOpenWorkOrder)
        {
            throw new DomainException("dispatch.already_dispatched", "This ticket already has an open work order.");
        }

        if (expectedVersion is { } expected && expected != ticket.Version)
        {
            throw new DomainException("dispatch.ticket_changed", "The ticket was changed meanwhile by someone else; check it and dispatch again.");
        }
    }

    /// <summary>
    /// The technician the job goes to: the one asked for, or the suggestion when none is asked for. Refused when
    /// nobody is free, when the dispatcher followed a suggestion the rotation has since moved past (nobody takes a turn
    /// twice), when the one asked for is not a candidate, and when someone other than the suggestion is chosen without
    /// a reason (<see cref="FairRotation.EnsureChoiceExplained"/>).
    /// </summary>
    /// <param name="requested">The technician the dispatcher chose (null or blank: the suggestion).</param>
    /// <param name="seenSuggestion">The suggestion the dispatcher saw on the page.</param>
    /// <exception cref="DomainException">
    /// <c>dispatch.nobody_available</c>, <c>dispatch.suggestion_changed</c>, <c>dispatch.unknown_technician</c>, and the
    /// rotation's refusal of an unexplained choice.
    /// </exception>
    public static RotationCandidate Choose(RotationSuggestion suggestion, IReadOnlyList<RotationCandidate> candidates, string skill, string? requested, string? seenSuggestion, string? overrideReason)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        ArgumentNullException.ThrowIfNull(candidates);
        var suggested = suggestion.Chosen?.TechnicianId;
        var chosen = string.IsNullOrWhiteSpace(requested) ? suggested : requested;
        if (chosen is null)
        {
            throw new DomainException("dispatch.nobody_available", "Nobody with the skill is free: choose a technician and give a reason.", skill);
        }

        if (seenSuggestion is { Length: > 0 } seen && seen == chosen && seen != suggested)
        {
            throw new DomainException("dispatch.suggestion_changed", "The rotation moved on meanwhile (another dispatch took this turn); check the new suggestion.");
        }

        var candidate = candidates.FirstOrDefault(c => c.TechnicianId == chosen)
            ?? throw new DomainException("dispatch.unknown_technician", "Choose an active technician.");
        FairRotation.EnsureChoiceExplained(suggestion, candidate, overrideReason);
        return candidate;
    }
}
