using AfterSales.Domain.Complaints;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Quality;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;

namespace AfterSales.Domain.Tests.Complaints;

public sealed class ClassificationAdvisorTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);
    private static readonly ClassificationSettings Settings = new(RecurringDays: 90, BatchSize: 3, BatchWindowDays: 7);

    private static ComplaintFact Fact(long id, int daysAgo, long? model = 7, string? fault = "不制冷", string? batch = null, bool suggestion = false) =>
        new(id, model, fault, batch, Day.AddDays(-daysAgo), suggestion);

    public static TheoryData<ComplaintFact[], QualityClass> Cases() => new()
    {
        { [], QualityClass.NewProblem },
        { [Fact(1, 100)], QualityClass.NewProblem },                                  // seen, but longer ago than N days
        { [Fact(1, 90)], QualityClass.RecurringProblem },                             // exactly N days ago counts
        { [Fact(1, 30), Fact(2, 20)], QualityClass.RecurringProblem },                // same fault, but not within the batch window
        { [Fact(1, 6), Fact(2, 2)], QualityClass.RecurringProblem },                  // K = 3 within 7 days, but no batch is known: a possible batch only
        { [Fact(1, 7), Fact(2, 2)], QualityClass.RecurringProblem },                  // the window is 7 days: 7 days ago is outside
        { [Fact(1, 3, model: 8), Fact(2, 2, model: 8)], QualityClass.NewProblem },    // another model
        { [Fact(1, 3, fault: "漏水"), Fact(2, 2, fault: "漏水")], QualityClass.NewProblem }, // another fault
        { [Fact(1, 3, suggestion: true), Fact(2, 2, suggestion: true)], QualityClass.NewProblem },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_proposal_follows_model_fault_and_time(ComplaintFact[] earlier, QualityClass expected) =>
        Assert.Equal(expected, ClassificationAdvisor.Propose(Fact(99, 0), earlier, Settings).Class);

    [Fact]
    public void A_batch_names_its_complaints_and_counts_only_the_same_known_batch()
    {
        var proposal = ClassificationAdvisor.Propose(
            Fact(99, 0, batch: "B2401"),
            [Fact(1, 3, batch: "B2401"), Fact(2, 1, batch: null), Fact(3, 1, batch: "B2312"), Fact(4, 2, batch: "B2401")],
            Settings);
        Assert.Equal(QualityClass.BatchProblem, proposal.Class);
        Assert.False(proposal.PossibleBatch);
        Assert.Equal([1L, 4L], proposal.RelatedComplaintIds.Order());
        Assert.Contains("3 complaints", proposal.Evidence.Text, StringComparison.Ordinal);
        Assert.Equal(MessageCodes.ClassBatch, proposal.Evidence.Code);
    }

    public static TheoryData<string?, string?[]> PossibleBatches => new()
    {
        { null, [null, null] },          // no batch known at all
        { null, ["B2401", "B2401"] },    // this unit has no batch number
        { "B2401", ["B2401", null] },    // one of the others has none
        { "B2401", [null, null] },
    };

    [Theory]
    [MemberData(nameof(PossibleBatches))]
    public void A_unit_without_a_batch_number_never_matches_the_same_batch_and_is_shown_as_a_possible_batch(string? batch, string?[] others)
    {
        var proposal = ClassificationAdvisor.Propose(Fact(99, 0, batch: batch), [Fact(1, 3, batch: others[0]), Fact(2, 1, batch: others[1])], Settings);

        Assert.Equal(QualityClass.RecurringProblem, proposal.Class);
        Assert.True(proposal.PossibleBatch);
        Assert.Equal(MessageCodes.ClassPossibleBatch, proposal.Evidence.Code);
        Assert.StartsWith("Possible batch (batch unknown): 3 complaints", proposal.Evidence.Text, StringComparison.Ordinal);
        Assert.Equal([1L, 2L], proposal.RelatedComplaintIds.Order());
    }

    [Fact]
    public void Complaints_of_a_known_other_batch_are_not_a_possible_batch()
    {
        var proposal = ClassificationAdvisor.Propose(Fact(99, 0, batch: "B2401"), [Fact(1, 3, batch: "B2312"), Fact(2, 1, batch: "B2312")], Settings);

        Assert.Equal(QualityClass.RecurringProblem, proposal.Class);
        Assert.False(proposal.PossibleBatch);
        Assert.Equal(MessageCodes.ClassRecurring, proposal.Evidence.Code);
    }

    [Fact]
    public void Suggestions_and_complaints_without_a_model_are_not_compared()
    {
        Assert.Equal(QualityClass.Suggestion, ClassificationAdvisor.Propose(Fact(99, 0, suggestion: true), [Fact(1, 1), Fact(2, 1)], Settings).Class);
        Assert.Equal(QualityClass.NewProblem, ClassificationAdvisor.Propose(Fact(99, 0, model: null), [Fact(1, 1, model: null)], Settings).Class);
    }

    [Fact]
    public void Nonsense_settings_are_refused() =>
        Assert.Equal("classification.settings", Assert.Throws<DomainException>(() => ClassificationAdvisor.Propose(Fact(99, 0), [], new ClassificationSettings(BatchSize: 1))).Code);
}

public sealed class ComplaintTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    private static Complaint New() => Complaint.Record(10, ComplaintSource.FollowUp, ContactChannel.Phone, 5, 6, 7, 9, "不制冷", "回访不满意：上门太慢", "上门检修", "desk-1", "desk-1", At);

    [Fact]
    public void Handling_follows_the_steps_of_part_13()
    {
        var complaint = New();
        Assert.Equal("complaint.illegal_step", Assert.Throws<DomainException>(() => complaint.ProposeSolution("换新")).Code);
        complaint.InformQuality(At);
        complaint.ProposeSolution("安排主管上门复查");
        complaint.Agree(personSent: true);
        complaint.Resolve("已修复，客户签字确认", At.AddDays(1));
        Assert.Equal(ComplaintStage.Resolved, complaint.Stage);
        Assert.True(complaint.PersonSent);
    }

    [Fact]
    public void A_long_system_evidence_is_shortened_not_refused()
    {
        var complaint = New();
        complaint.SetProposal(QualityClass.BatchProblem, new string('证', 3000));
        Assert.Equal(Complaint.TextMaxLength, complaint.ProposalEvidence!.Length);
        Assert.EndsWith("…", complaint.ProposalEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unresolved_complaint_past_the_allowed_time_should_have_been_reported_up()
    {
        var complaint = New();
        Assert.False(complaint.ShouldHaveBeenReported(At.AddHours(23), TimeSpan.FromHours(24)));
        Assert.True(complaint.ShouldHaveBeenReported(At.AddHours(25), TimeSpan.FromHours(24)));
        complaint.ReportUp("manager-1", At.AddHours(2));
        Assert.False(complaint.ShouldHaveBeenReported(At.AddHours(25), TimeSpan.FromHours(24)));
    }
}

public sealed class QualityReportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Complaint Complaint(long model = 7)
    {
        var complaint = Domain.Complaints.Complaint.Record(10, ComplaintSource.Intake, ContactChannel.Phone, 5, 6, model, null, "不制冷", "不制冷", null, "desk-1", "desk-1", At);
        complaint.SetProposal(QualityClass.BatchProblem, "3 complaints");
        return complaint;
    }

    [Fact]
    public void A_report_goes_from_open_to_closed_through_action_and_verification()
    {
        var report = QualityReport.Raise([Complaint(), Complaint()], "压缩机启动电容批量失效", Severity.Major, "三起投诉", "KF2401*", "quality-1", Today.AddDays(14), "quality-1", At, Today);
        Assert.Equal(2, report.Cases);
        Assert.Equal(QualityClass.BatchProblem, report.Class);
        Assert.Equal("quality_report.illegal_step", Assert.Throws<DomainException>(report.StartVerification).Code);
        report.Act("供应商电容耐压不足", "更换供应商并召回 2401 批次电容");
        report.StartVerification();
        report.Verify(effective: false, "复查仍有故障", At);
        Assert.Equal(QualityReportStatus.Acting, report.Status);
        report.StartVerification();
        report.Verify(effective: true, "30 天无新增投诉", At);
        Assert.Equal(QualityReportStatus.Closed, report.Status);
        Assert.False(report.IsOverdue(Today.AddDays(30)));
    }

    [Fact]
    public void A_report_needs_complaints_of_one_model_and_a_future_due_date()
    {
        Assert.Equal("quality_report.no_complaints", Assert.Throws<DomainException>(() => QualityReport.Raise([], "x", Severity.Minor, null, null, "q", Today, "q", At, Today)).Code);
        Assert.Equal("quality_report.mixed_models", Assert.Throws<DomainException>(() => QualityReport.Raise([Complaint(7), Complaint(8)], "x", Severity.Minor, null, null, "q", Today, "q", At, Today)).Code);
        Assert.Equal("quality_report.due_past", Assert.Throws<DomainException>(() => QualityReport.Raise([Complaint()], "x", Severity.Minor, null, null, "q", Today.AddDays(-1), "q", At, Today)).Code);
        var open = QualityReport.Raise([Complaint()], "x", Severity.Minor, null, null, "q", Today, "q", At, Today);
        Assert.True(open.IsOverdue(Today.AddDays(1)));
    }
}

public sealed class ExchangeRequestTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static ExchangeRequest Request() => ExchangeRequest.Request(1, 2, WarrantyStatus.InWarranty, "同一故障维修三次仍未修复", "三张维修单", "desk-1", At, Day);

    [Fact]
    public void Out_of_warranty_there_is_no_exchange() =>
        Assert.Equal("exchange.out_of_warranty", Assert.Throws<DomainException>(() => ExchangeRequest.Request(1, 2, WarrantyStatus.OutOfWarranty, "r", null, "desk-1", At, Day)).Code);

    [Fact]
    public void Three_signatures_in_order_approve_the_exchange_and_the_ledger_records_it()
    {
        var request = Request();
        Assert.Equal("exchange.wrong_step", Assert.Throws<DomainException>(() => request.Decide(ExchangeStep.GeneralManager, StepOutcome.Approved, "gm", "同意", At, Day)).Code);
        request.Decide(ExchangeStep.RegionalHead, StepOutcome.Approved, "region-1", "属实", At, Day);
        request.Decide(ExchangeStep.OfficeVerification, StepOutcome.Approved, "office-1", "核实", At, Day);
        Assert.Equal("exchange.not_approved", Assert.Throws<DomainException>(() => request.Complete(3, "KF2611-0001", "store-1", At)).Code);
        request.Decide(ExchangeStep.GeneralManager, StepOutcome.Approved, "gm", "同意换货", At, Day);
        Assert.Equal(ExchangeStatus.Approved, request.Status);
        request.Complete(3, "KF2611-0001", "store-1", At);
        Assert.Equal(ExchangeStatus.Completed, request.Status);
        Assert.Equal(3, request.Decisions.Count);
    }

    [Fact]
    public void Nobody_signs_their_own_request_or_two_steps()
    {
        var request = Request();
        Assert.Equal("exchange.own_request", Assert.Throws<DomainException>(() => request.Decide(ExchangeStep.RegionalHead, StepOutcome.Approved, "desk-1", "x", At, Day)).Code);
        request.Decide(ExchangeStep.RegionalHead, StepOutcome.Approved, "region-1", "属实", At, Day);
        Assert.Equal("exchange.signed_twice", Assert.Throws<DomainException>(() => request.Decide(ExchangeStep.OfficeVerification, StepOutcome.Approved, "region-1", "x", At, Day)).Code);
    }

    [Fact]
    public void A_returned_request_goes_back_to_the_same_step_and_each_step_has_a_due_time()
    {
        var request = Request();
        Assert.False(request.IsStepOverdue(At.AddHours(23)));
        Assert.True(request.IsStepOverdue(At.AddHours(25)));
        request.Decide(ExchangeStep.RegionalHead, StepOutcome.Returned, "region-1", "补充维修记录", At, Day);
        Assert.Equal("exchange.not_pending", Assert.Throws<DomainException>(() => request.Decide(ExchangeStep.RegionalHead, StepOutcome.Approved, "region-1", "x", At, Day)).Code);
        request.Resubmit("desk-1", "补充了三张维修单", At.AddDays(1), Day);
        Assert.Equal(ExchangeStep.RegionalHead, request.CurrentStep);
        request.Decide(ExchangeStep.RegionalHead, StepOutcome.Rejected, "region-2", "非质量问题", At.AddDays(1), Day);
        Assert.Equal(ExchangeStatus.Rejected, request.Status);
    }

    [Theory]
    [InlineData(ExchangeWarrantyPolicy.NewPeriod, "2026-11-27")]
    [InlineData(ExchangeWarrantyPolicy.RemainingPeriod, "2026-03-01")]
    public void The_new_units_warranty_follows_the_company_rule(ExchangeWarrantyPolicy policy, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ExchangeRequest.NewUnitWarrantyStart(policy, new DateOnly(2026, 11, 27), new DateOnly(2026, 3, 1)));
}
