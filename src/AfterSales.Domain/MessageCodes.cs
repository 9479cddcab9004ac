using AfterSales.Domain.Discipline;
using AfterSales.Domain.FollowUps;

namespace AfterSales.Domain;

/// <summary>
/// Every code of a <see cref="DomainMessage"/> the domain and the application compose, in one place, so a test can
/// prove each one has a translation. (Codes of refusals, <see cref="DomainException"/>, are found in the source.)
/// </summary>
public static class MessageCodes
{
    // Complaint class proposals (ClassificationAdvisor, and the ledger's fuller wording).
    public const string ClassSuggestion = "classification.suggestion";
    public const string ClassNoBasis = "classification.no_basis";
    public const string ClassBatch = "classification.batch";
    public const string ClassPossibleBatch = "classification.possible_batch";
    public const string ClassRecurring = "classification.recurring";
    public const string ClassNew = "classification.new";
    public const string EvidenceBatch = "quality.evidence.batch";
    public const string EvidenceBatchLot = "quality.evidence.batch_lot";
    public const string EvidencePossibleBatch = "quality.evidence.possible_batch";
    public const string EvidenceRecurring = "quality.evidence.recurring";
    public const string EvidenceRelatedMore = "quality.evidence.related_more";

    // The ladder's explanation lines and their pieces.
    public const string LadderReversed = "ladder.line.reversed";
    public const string LadderAlertRemoval = "ladder.line.alert_removal";
    public const string LadderAlertDismissal = "ladder.line.alert_dismissal";
    public const string LadderThresholdLine = "ladder.line.threshold";
    public const string LadderOffset = "ladder.line.offset";
    public const string LadderOffsets = "ladder.line.offsets";
    public const string LadderConversion = "ladder.line.conversion";
    public const string LadderConversionOffsetBy = "ladder.line.conversion_offset_by";
    public const string LadderConversionOffsets = "ladder.line.conversion_offsets";
    public const string LadderStanding = "ladder.line.standing";
    public const string LadderStandingEmpty = "ladder.line.standing_empty";
    public const string LadderGroup = "ladder.piece.group";
    public const string LadderGroupMore = "ladder.piece.group_more";
    public const string LadderCount = "ladder.piece.count";

    /// <summary>A level's name, singular (<c>ladder.level.Merit</c>) or plural (<c>ladder.levels.Merit</c>).</summary>
    public static string Level(DisciplineLevel level, int count) => (count == 1 ? "ladder.level." : "ladder.levels.") + level;

    // Reward and penalty proposals of the daily scan.
    public const string ProposalOverdue = "proposal.overdue";
    public const string ProposalPoorFollowUp = "proposal.poor_follow_up";
    public const string ProposalPoorFollowUpComment = "proposal.poor_follow_up_comment";
    public const string ProposalLateHandIn = "proposal.late_hand_in";
    public const string ProposalNotHandedIn = "proposal.not_handed_in";
    public const string ProposalExtraIncome = "proposal.extra_income";
    public const string ProposalExtraService = "proposal.extra_service";
    public const string ProposalComplaintNotReported = "proposal.complaint_not_reported";
    public const string ProposalComplaintNotReportedHead = "proposal.complaint_not_reported_head";
    public const string ProposalHalfYearHours = "proposal.half_year_hours";
    public const string ProposalYearHours = "proposal.year_hours";
    public const string ProposalThreeMonths = "proposal.three_months";
    public const string ProposalMonthHours = "proposal.month_hours";

    // A complaint raised from a follow-up call: the scores (each a word), the repair's ticket number and the customer's words.
    public const string FollowUpComplaint = "followup.complaint";
    public const string FollowUpComplaintComment = "followup.complaint_comment";
    public const string FollowUpNoScore = "followup.score.none";

    /// <summary>A follow-up score's word (<c>followup.score.Poor</c>).</summary>
    public static string FollowUpScore(Satisfaction score) => "followup.score." + score;

    // A work order's travel line: the note typed, or the word for travel when none was typed.
    public const string TravelDefault = "charges.travel";
    public const string TravelNote = "charges.travel_note";

    /// <summary>The separator between the items of a list argument.</summary>
    public const string ListSeparator = "list.separator";

    public static IReadOnlyList<string> All =>
    [
        ClassSuggestion, ClassNoBasis, ClassBatch, ClassPossibleBatch, ClassRecurring, ClassNew,
        EvidenceBatch, EvidenceBatchLot, EvidencePossibleBatch, EvidenceRecurring, EvidenceRelatedMore,
        LadderReversed, LadderAlertRemoval, LadderAlertDismissal, LadderThresholdLine, LadderOffset, LadderOffsets, LadderConversion, LadderConversionOffsetBy,
        LadderConversionOffsets, LadderStanding, LadderStandingEmpty, LadderGroup, LadderGroupMore, LadderCount,
        .. Enum.GetValues<DisciplineLevel>().SelectMany(l => new[] { Level(l, 1), Level(l, 2) }),
        ProposalOverdue, ProposalPoorFollowUp, ProposalPoorFollowUpComment, ProposalLateHandIn, ProposalNotHandedIn,
        ProposalExtraIncome, ProposalExtraService, ProposalComplaintNotReported, ProposalComplaintNotReportedHead, ProposalHalfYearHours, ProposalYearHours,
        ProposalThreeMonths, ProposalMonthHours, ListSeparator,
        FollowUpComplaint, FollowUpComplaintComment, FollowUpNoScore, .. Enum.GetValues<Satisfaction>().Select(FollowUpScore),
        TravelDefault, TravelNote,
    ];
}
