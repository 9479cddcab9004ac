namespace AfterSales.Domain.Complaints;

/// <summary>
/// The system's proposed class and why, for the quality specialist to confirm or change. <see cref="PossibleBatch"/>:
/// enough complaints for a batch, but some without a batch number — shown as "possible batch (batch unknown)", never
/// proposed as a batch.
/// </summary>
public sealed record ClassificationProposal(QualityClass Class, DomainMessage Evidence, IReadOnlyList<long> RelatedComplaintIds, bool PossibleBatch = false);

/// <summary>What the advisor needs to know of an earlier complaint.</summary>
public sealed record ComplaintFact(long Id, long? ProductModelId, string? FaultCategory, string? Batch, DateOnly Day, bool IsSuggestion);

/// <summary>
/// Proposes the class of a new complaint from the ones before it:
/// "batch" when at least <c>BatchSize</c> complaints (this one included) about one model and one known batch share a
/// fault category within <c>BatchWindowDays</c> — a unit without a batch number never matches "the same batch"
/// (重大批量质量问题 is a claim about a batch: it needs the batch); when the count is reached only with complaints
/// whose batch is unknown, the proposal is "recurring", marked as a possible batch (batch unknown);
/// else "recurring" when the same model and fault category were seen within <c>RecurringDays</c>;
/// else "suggestion" when the complaint is marked as a suggestion; else "new quality problem".
/// </summary>
public sealed record ClassificationSettings(int RecurringDays = 90, int BatchSize = 3, int BatchWindowDays = 7);

public static class ClassificationAdvisor
{
    public static ClassificationProposal Propose(ComplaintFact complaint, IEnumerable<ComplaintFact> earlier, ClassificationSettings settings)
    {
        if (settings.RecurringDays < 1 || settings.BatchSize < 2 || settings.BatchWindowDays < 1)
        {
            throw new DomainException("classification.settings", "Recurring days and the batch window are at least 1 day; a batch is at least 2 complaints.");
        }

        if (complaint.IsSuggestion)
        {
            return new ClassificationProposal(QualityClass.Suggestion, DomainMessage.Of(MessageCodes.ClassSuggestion, "Marked as an improvement or innovation suggestion"), []);
        }

        if (complaint.ProductModelId is null || string.IsNullOrWhiteSpace(complaint.FaultCategory))
        {
            return new ClassificationProposal(QualityClass.NewProblem, DomainMessage.Of(MessageCodes.ClassNoBasis, "No model or fault category to compare with earlier complaints"), []);
        }

        var same = earlier
            .Where(e => e.Id != complaint.Id && !e.IsSuggestion && e.ProductModelId == complaint.ProductModelId
                && string.Equals(e.FaultCategory, complaint.FaultCategory, StringComparison.OrdinalIgnoreCase)
                && e.Day <= complaint.Day)
            .ToList();

        var inWindow = same
            .Where(e => complaint.Day.DayNumber - e.Day.DayNumber < settings.BatchWindowDays)
            .OrderBy(e => e.Day).ThenBy(e => e.Id)
            .ToList();
        var batchMates = complaint.Batch is null ? [] : inWindow.Where(e => e.Batch == complaint.Batch).ToList();
        if (batchMates.Count + 1 >= settings.BatchSize)
        {
            return new ClassificationProposal(
                QualityClass.BatchProblem,
                DomainMessage.Of(
                    MessageCodes.ClassBatch,
                    $"{batchMates.Count + 1} complaints about this model with fault '{complaint.FaultCategory}' within {settings.BatchWindowDays} days (threshold {settings.BatchSize})",
                    batchMates.Count + 1,
                    complaint.FaultCategory,
                    settings.BatchWindowDays,
                    settings.BatchSize),
                [.. batchMates.Select(e => e.Id)]);
        }

        // Could be the same batch: the batch of this one or of the other is unknown (a known different batch is not).
        var possibleMates = inWindow.Where(e => complaint.Batch is null || e.Batch is null || e.Batch == complaint.Batch).ToList();
        if (possibleMates.Count + 1 >= settings.BatchSize)
        {
            var unknown = possibleMates.Count(e => e.Batch is null) + (complaint.Batch is null ? 1 : 0);
            return new ClassificationProposal(
                QualityClass.RecurringProblem,
                DomainMessage.Of(
                    MessageCodes.ClassPossibleBatch,
                    $"Possible batch (batch unknown): {possibleMates.Count + 1} complaints about this model with fault '{complaint.FaultCategory}' within {settings.BatchWindowDays} days (threshold {settings.BatchSize}), {unknown} without a batch number",
                    possibleMates.Count + 1,
                    complaint.FaultCategory,
                    settings.BatchWindowDays,
                    settings.BatchSize,
                    unknown),
                [.. possibleMates.Select(e => e.Id)],
                PossibleBatch: true);
        }

        var recurring = same.Where(e => complaint.Day.DayNumber - e.Day.DayNumber <= settings.RecurringDays).OrderByDescending(e => e.Day).ToList();
        if (recurring.Count > 0)
        {
            return new ClassificationProposal(
                QualityClass.RecurringProblem,
                DomainMessage.Of(
                    MessageCodes.ClassRecurring,
                    $"Same model and fault '{complaint.FaultCategory}' seen {recurring.Count} time(s) within {settings.RecurringDays} days, last on {recurring[0].Day:yyyy-MM-dd}",
                    complaint.FaultCategory,
                    recurring.Count,
                    settings.RecurringDays,
                    recurring[0].Day),
                [.. recurring.Select(e => e.Id)]);
        }

        return new ClassificationProposal(
            QualityClass.NewProblem,
            DomainMessage.Of(MessageCodes.ClassNew, $"No complaint about this model with fault '{complaint.FaultCategory}' within {settings.RecurringDays} days", complaint.FaultCategory, settings.RecurringDays),
            []);
    }
}
