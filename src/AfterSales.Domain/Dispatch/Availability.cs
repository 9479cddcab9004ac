using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Dispatch;

/// <summary>A technician as dispatch sees them: the product categories they can repair, their place in the rotation, and how many open jobs they may hold.</summary>
public sealed class TechnicianProfile
{
    private TechnicianProfile()
    {
        TechnicianId = "";
        Skills = [];
    }

    public TechnicianProfile(string technicianId, int position, IEnumerable<string> skills, int openJobLimit)
    {
        TechnicianId = Guard.Required(technicianId, 450, "technician.id");
        Position = Guard.Range(position, 1, 10_000, "technician.position");
        Skills = Normalise(skills);
        OpenJobLimit = Guard.Range(openJobLimit, 1, 50, "technician.open_job_limit");
    }

    public string TechnicianId { get; private set; }

    /// <summary>Place in the rotation order (1 = first).</summary>
    public int Position { get; private set; }

    /// <summary>Product category codes the technician can repair.</summary>
    public string[] Skills { get; private set; }

    public int OpenJobLimit { get; private set; }

    public decimal HourlyRate { get; private set; } = 80m;

    public uint Version { get; private set; }

    public void Update(int position, IEnumerable<string> skills, int openJobLimit, decimal hourlyRate)
    {
        Position = Guard.Range(position, 1, 10_000, "technician.position");
        Skills = Normalise(skills);
        OpenJobLimit = Guard.Range(openJobLimit, 1, 50, "technician.open_job_limit");
        HourlyRate = hourlyRate is >= 0 and <= 10_000 ? Money.Round(hourlyRate) : throw new DomainException("technician.rate_invalid", "An hourly rate is between 0 and 10,000.");
    }

    private static string[] Normalise(IEnumerable<string> skills) =>
        [.. skills.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct().Order()];
}

public enum AvailabilityKind
{
    /// <summary>请假 — asked 36 hours ahead by the regulation.</summary>
    Leave,

    /// <summary>Not on the duty rota that day (轮休).</summary>
    OffDuty,
}

/// <summary>A stretch of days a technician cannot be dispatched.</summary>
public sealed class AvailabilityEntry
{
    private AvailabilityEntry()
    {
        TechnicianId = "";
    }

    public AvailabilityEntry(string technicianId, DateOnly from, DateOnly to, AvailabilityKind kind, string? note)
    {
        if (to < from)
        {
            throw new DomainException("availability.range", "The last day cannot be before the first.");
        }

        TechnicianId = Guard.Required(technicianId, 450, "technician.id");
        From = from;
        To = to;
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException("availability.kind", "Choose leave or off duty.");
        Note = Guard.Optional(note, 200);
    }

    public long Id { get; private set; }

    public string TechnicianId { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public AvailabilityKind Kind { get; private set; }

    public string? Note { get; private set; }

    public bool Covers(DateOnly day) => From <= day && day <= To;
}

/// <summary>Where the rotation of one skill stands: the position served last.</summary>
public sealed class RotationPointer
{
    private RotationPointer()
    {
        Skill = "";
    }

    public RotationPointer(string skill)
    {
        Skill = Guard.Required(skill, 32, "rotation.skill");
    }

    public string Skill { get; private set; }

    public int LastPosition { get; private set; }

    public void MoveTo(int position) => LastPosition = position;
}

/// <summary>One dispatch, explained: who the rotation suggested, who was skipped and why, who was chosen (with the reason when it was someone else).</summary>
public sealed class DispatchDecision
{
    private List<RotationSkip> _skips = [];

    private DispatchDecision()
    {
        RequiredSkill = "";
        ChosenTechnicianId = "";
        DecidedBy = "";
    }

    public DispatchDecision(long ticketId, long workOrderId, string requiredSkill, RotationSuggestion suggestion, string chosenTechnicianId, string? overrideReason, string decidedBy, DateTimeOffset at)
    {
        var suggested = suggestion.Chosen?.TechnicianId;
        if (suggested != chosenTechnicianId && string.IsNullOrWhiteSpace(overrideReason))
        {
            throw new DomainException("dispatch.override_reason_required", "Choosing someone other than the suggested technician needs a reason.");
        }

        TicketId = ticketId;
        WorkOrderId = workOrderId;
        RequiredSkill = requiredSkill;
        SuggestedTechnicianId = suggested;
        ChosenTechnicianId = chosenTechnicianId;
        OverrideReason = suggested == chosenTechnicianId ? null : Guard.Optional(overrideReason, 500);
        _skips = [.. suggestion.Skips];
        DecidedBy = decidedBy;
        At = at.ToUniversalTime();
    }

    public long Id { get; private set; }

    public long TicketId { get; private set; }

    public long WorkOrderId { get; private set; }

    public string RequiredSkill { get; private set; }

    public string? SuggestedTechnicianId { get; private set; }

    public string ChosenTechnicianId { get; private set; }

    public string? OverrideReason { get; private set; }

    public IReadOnlyList<RotationSkip> Skips => _skips;

    public string DecidedBy { get; private set; }

    public DateTimeOffset At { get; private set; }
}
