using AfterSales.Domain.Complaints;

namespace AfterSales.Domain.Quality;

public enum QualityReportStatus
{
    Open,
    Acting,
    Verifying,
    Closed,
}

public enum Severity
{
    Minor,
    Major,
    Critical,
}

/// <summary>
/// A quality problem report (质量问题报告单) raised from one or more complaints: the model and batch or
/// serial range, the fault, how many cases, severity and evidence; the owner in the quality department
/// works it through root cause → corrective action → verification → closed, against a due date.
/// </summary>
public sealed class QualityReport
{
    public const int TextMaxLength = 4000;

    private List<long> _complaintIds = [];

    private QualityReport()
    {
        Fault = "";
        OwnerId = "";
        RaisedBy = "";
    }

    public long Id { get; private set; }

    public long? ProductModelId { get; private set; }

    public string? BatchOrSerialRange { get; private set; }

    public string Fault { get; private set; }

    public QualityClass Class { get; private set; }

    public int Cases => _complaintIds.Count;

    public IReadOnlyList<long> ComplaintIds => _complaintIds;

    public Severity Severity { get; private set; }

    public string? Evidence { get; private set; }

    public string OwnerId { get; private set; }

    public string RaisedBy { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string? RootCause { get; private set; }

    public string? CorrectiveAction { get; private set; }

    public string? Verification { get; private set; }

    public QualityReportStatus Status { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public uint Version { get; private set; }

    public static QualityReport Raise(IReadOnlyCollection<Complaint> complaints, string fault, Severity severity, string? evidence, string? batchOrSerialRange, string ownerId, DateOnly dueOn, string raisedBy, DateTimeOffset at, DateOnly today)
    {
        if (complaints.Count == 0)
        {
            throw new DomainException("quality_report.no_complaints", "A quality report is raised from at least one complaint.");
        }

        var models = complaints.Select(c => c.ProductModelId).Distinct().ToList();
        if (models.Count > 1)
        {
            throw new DomainException("quality_report.mixed_models", "One report covers one product model.");
        }

        if (complaints.Any(c => c.QualityReportId is not null))
        {
            throw new DomainException("quality_report.already_reported", "A complaint already belongs to a quality report.");
        }

        if (dueOn < today)
        {
            throw new DomainException("quality_report.due_past", "The due date cannot be in the past.");
        }

        var classes = complaints.Select(c => c.Class ?? c.ProposedClass ?? QualityClass.NewProblem).ToList();
        return new QualityReport
        {
            ProductModelId = models[0],
            BatchOrSerialRange = Guard.Optional(batchOrSerialRange, 200),
            Fault = Guard.Required(fault, 500, "quality_report.fault"),
            Class = classes.Contains(QualityClass.BatchProblem) ? QualityClass.BatchProblem : classes.Contains(QualityClass.RecurringProblem) ? QualityClass.RecurringProblem : classes[0],
            _complaintIds = [.. complaints.Select(c => c.Id)],
            Severity = Enum.IsDefined(severity) ? severity : throw new DomainException("quality_report.severity", "Choose a severity."),
            Evidence = Guard.Optional(evidence, TextMaxLength),
            OwnerId = Guard.Required(ownerId, 450, "quality_report.owner"),
            RaisedBy = Guard.Required(raisedBy, 450, "quality_report.raised_by"),
            RaisedAt = at.ToUniversalTime(),
            DueOn = dueOn,
            Status = QualityReportStatus.Open,
        };
    }

    /// <summary>The root cause found and the corrective action decided: the report is being acted on.</summary>
    public void Act(string rootCause, string correctiveAction)
    {
        Expect(QualityReportStatus.Open, QualityReportStatus.Acting);
        RootCause = Guard.Required(rootCause, TextMaxLength, "quality_report.root_cause");
        CorrectiveAction = Guard.Required(correctiveAction, TextMaxLength, "quality_report.corrective_action");
        Status = QualityReportStatus.Acting;
    }

    public void StartVerification()
    {
        Expect(QualityReportStatus.Acting);
        Status = QualityReportStatus.Verifying;
    }

    /// <summary>Closed once the corrective action is verified to work; a failed verification sends it back to acting.</summary>
    public void Verify(bool effective, string verification, DateTimeOffset at)
    {
        Expect(QualityReportStatus.Verifying);
        Verification = Guard.Required(verification, TextMaxLength, "quality_report.verification");
        if (effective)
        {
            Status = QualityReportStatus.Closed;
            ClosedAt = at.ToUniversalTime();
        }
        else
        {
            Status = QualityReportStatus.Acting;
        }
    }

    public bool IsOverdue(DateOnly today) => Status != QualityReportStatus.Closed && today > DueOn;

    private void Expect(params QualityReportStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException("quality_report.illegal_step", $"A report that is {Status} cannot take this step.", Status);
        }
    }
}
